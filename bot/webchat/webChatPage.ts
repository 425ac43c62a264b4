// The Web Chat page: a small branded shell around botframework-webchat, which this server also
// serves (no CDN). The page asks POST /api/directline/token for a token, then connects to the
// built-in Direct Line (polling) or to Azure's. The server chooses the user id and keeps it in
// an HttpOnly cookie, so the same browser stays the same user across reloads and no script can
// pick another (a signed-in agent gets theirs the same way); the page only remembers the id it
// was told, in localStorage, for Web Chat's userID. The conversation itself is resumed after a
// reload in the same tab when the built-in Direct Line still has it. The page's own texts come
// from knowledge/webChatPage.yaml in the language the route chose (pageLanguage.ts), and Web Chat
// gets the matching locale, so its own controls speak that language too.
import type { Language } from '../../knowledge/languages';
import type { WebChatPageTexts } from '../../knowledge/pageTextSchema';
import { escapeHtml } from '../http/escapeHtml';
import { fillPlaceholders } from '../http/fillPlaceholders';

export interface PageBranding {
    brandName: string;
    brandColor: string;
    initials: string;
}

export interface PageOptions extends PageBranding {
    /** The script-src nonce of this response. */
    nonce: string;
    /** Where the Web Chat bundle is served, with a version to bust caches. */
    webChatScript: string;
    language: Language;
    /** The page's own texts in that language (knowledge/webChatPage.yaml). */
    texts: WebChatPageTexts;
}

/** Web Chat's locale per language: its own controls' words, and the locale activities carry to the bot. */
const webChatLocales: Record<Language, string> = { en: 'en-US', de: 'de-DE' };

/** The locales the page gives Web Chat: the only ones the token route takes from it. */
export const webChatLocaleList: readonly string[] = Object.values(webChatLocales);

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The colour darkened (amount < 0) or lightened (amount > 0) towards black or white. */
export function shade(hex: string, amount: number): string {
    const n = Number.parseInt(hex.slice(1), 16);
    const channel = (shift: number) => {
        const c = (n >> shift) & 0xff;
        const target = amount < 0 ? 0 : 255;
        return Math.round(c + (target - c) * Math.abs(amount));
    };
    return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

/** Web Chat's styleOptions for the brand: bubbles, buttons and the send box in the brand colour. */
export function webChatStyleOptions({ brandColor, initials }: PageBranding) {
    return {
        accent: brandColor,
        backgroundColor: '#f6f8fb',
        primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
        botAvatarInitials: initials,
        botAvatarBackgroundColor: brandColor,
        avatarSize: 36,
        bubbleBackground: '#ffffff',
        bubbleBorderColor: '#e2e7ef',
        bubbleBorderWidth: 1,
        bubbleBorderRadius: 14,
        bubbleNubSize: 0,
        bubbleFromUserBackground: brandColor,
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderColor: brandColor,
        bubbleFromUserBorderRadius: 14,
        bubbleFromUserNubSize: 0,
        suggestedActionLayout: 'flow',
        suggestedActionBackgroundColor: '#ffffff',
        suggestedActionBorderColor: brandColor,
        suggestedActionBorderRadius: 18,
        suggestedActionTextColor: brandColor,
        suggestedActionHeight: 36,
        cardEmphasisBackgroundColor: shade(brandColor, 0.92),
        sendBoxButtonColor: brandColor,
        sendBoxButtonColorOnHover: shade(brandColor, -0.25),
        sendBoxHeight: 56,
        // #5d6978 on the transcript's #f6f8fb is 5.2:1 (the 12.8 px timestamps need 4.5:1).
        sendBoxPlaceholderColor: '#5d6978',
        hideUploadButton: true,
        timestampColor: '#5d6978',
        transcriptVisualKeyboardIndicatorColor: brandColor,
        rootHeight: '100%',
        rootWidth: '100%'
    };
}

/**
 * What changes when the window is short (400% zoom on a laptop is 320x256): a lower send box and
 * suggested actions in one scrolling row instead of wrapped rows, so the transcript keeps the room.
 */
const compactStyleOptions = { sendBoxHeight: 36, suggestedActionHeight: 28, suggestedActionLayout: 'carousel', avatarSize: 28 };

/** The media query under which the page is compact; the CSS and the script share it. */
const compactMedia = '(max-height: 480px)';
const compactHeaderHeight = 36;

export function renderWebChatPage(options: PageOptions): string {
    const { brandName, brandColor, initials, nonce, webChatScript, language, texts } = options;
    const locale = webChatLocales[language];
    // The texts the script shows later; the rest are written into the markup below.
    const scriptTexts = { statusOffline: texts.statusOffline, statusAgent: texts.statusAgent, componentMissing: texts.componentMissing, errors: texts.errors };
    const config = { brandName, locale, texts: scriptTexts, styleOptions: webChatStyleOptions(options), compactStyleOptions, compactMedia };
    const favicon = `data:image/svg+xml,${encodeURIComponent(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${brandColor}"/><text x="32" y="41" font-family="Arial,sans-serif" font-size="26" font-weight="700" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`
    )}`;
    return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(brandName)}</title>
<link rel="icon" href="${favicon}">
<style>
  :root { --brand: ${brandColor}; --brand-dark: ${shade(brandColor, -0.35)}; --brand-tint: ${shade(brandColor, 0.9)}; --ink: #1d2733; --muted: #5d6978; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { font-family: 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif; color: var(--ink);
         background: radial-gradient(circle at 20% 0%, ${shade(brandColor, 0.86)} 0, #eef1f6 45%, #e9edf3 100%); }
  .app { display: flex; flex-direction: column; height: 100%; max-width: 760px; margin: 0 auto; background: #f6f8fb; }
  @media (min-width: 800px) {
    body { padding: 28px 0; }
    .app { height: 100%; border-radius: 18px; overflow: hidden; box-shadow: 0 18px 50px rgba(20, 35, 60, .18), 0 2px 6px rgba(20, 35, 60, .08); }
  }
  header { flex: none; display: flex; align-items: center; gap: 14px; padding: 16px 20px; color: #fff;
           background: linear-gradient(135deg, var(--brand) 0%, var(--brand-dark) 100%); }
  .avatar { flex: none; width: 44px; height: 44px; border-radius: 50%; display: grid; place-items: center;
            background: #fff; color: var(--brand); font-weight: 700; font-size: 16px; letter-spacing: .5px; box-shadow: 0 0 0 3px rgba(255,255,255,.25); }
  .titles { flex: 1; min-width: 0; }
  h1 { margin: 0; font-size: 18px; font-weight: 600; line-height: 1.25; }
  .status { margin: 2px 0 0; font-size: 13px; opacity: .9; display: flex; align-items: center; gap: 6px; }
  .status::before { flex: none; content: ''; width: 8px; height: 8px; border-radius: 50%; background: #4ade80; box-shadow: 0 0 0 2px rgba(74, 222, 128, .3); }
  .status.offline::before { background: #fbbf24; box-shadow: 0 0 0 2px rgba(251, 191, 36, .3); }
  header button { flex: none; font: inherit; font-size: 13px; color: #fff; background: rgba(255,255,255,.12);
                  border: 1px solid rgba(255,255,255,.55); border-radius: 18px; padding: 7px 14px; cursor: pointer; }
  header button:hover, header button:focus-visible { background: rgba(255,255,255,.24); }
  /* White on the brand gradient (5:1 and more); under forced colours the outline takes the system colour. */
  header button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
  main { flex: 1; min-height: 0; position: relative; }
  #webchat { height: 100%; }
  /* Adaptive Card buttons (the fix steps' answers) in the brand's style, like the suggested actions. */
  #webchat .ac-adaptiveCard :is(.ac-pushButton, .ac-pushButton-disabled) {
    min-height: 36px; border: 1px solid var(--brand); border-radius: 18px; background: #fff;
    color: var(--brand); font-family: inherit; font-size: 14px; font-weight: 600; line-height: 1.2; cursor: pointer; }
  #webchat .ac-adaptiveCard .ac-pushButton:hover { background: var(--brand-tint); }
  /* An answered card's buttons (rendered with isEnabled false, see the script) look inert. */
  #webchat .ac-adaptiveCard .ac-pushButton-disabled { border-color: #c3cad4; color: var(--muted); background: #f1f3f6; cursor: default; }
  #webchat .ac-adaptiveCard .ac-pushButton:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
  #webchat .ac-adaptiveCard .ac-pushButton[aria-pressed="true"] { background: var(--brand); color: #fff; }
  /* Web Chat's text box sets outline: 0 and has no style option for a focus cue: the box around it shows focus. */
  #webchat .webchat__send-box-text-box:focus-within { outline: 2px solid var(--brand); outline-offset: -4px; border-radius: 6px; }
  footer { flex: none; }
  .notice { margin: 0; padding: 9px 20px; font-size: 12.5px; color: var(--muted); background: #fff; border-top: 1px solid #e2e7ef; text-align: center; }
  /* Narrow (320 px wide is 1280 px at 400% zoom): the decorative avatar goes and the header tightens, so
     the title keeps to a line or two and the status line does not run to four. */
  @media (max-width: 480px) {
    header { padding: 10px 12px; gap: 10px; }
    .avatar { display: none; }
    h1 { font-size: 15px; }
    .status { font-size: 12px; }
    header button { padding: 5px 9px; font-size: 12px; }
    .notice { padding: 6px 12px; }
  }
  /* Short (256 px high is 1024 px at 400% zoom): the header shrinks to one line and the chat takes the rest
     of the window; the notice follows below it, reached by scrolling the page (vertical scrolling only, as
     1.4.10 allows). The status line stays for screen readers; what it may say (offline, agent signed in)
     also shows elsewhere on the page. */
  @media ${compactMedia} {
    .app { height: auto; min-height: 100%; }
    header { height: ${compactHeaderHeight}px; padding: 0 12px; gap: 10px; }
    main { flex: none; height: calc(100vh - ${compactHeaderHeight}px); height: calc(100dvh - ${compactHeaderHeight}px); }
    .avatar { display: none; }
    h1 { font-size: 14px; line-height: 1.15; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
    .status { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    header button { padding: 3px 9px; font-size: 12px; }
    .notice { padding: 3px 12px; font-size: 12px; line-height: 1.3; }
  }
  .problem { position: absolute; inset: 0; display: none; flex-direction: column; align-items: center; justify-content: center; gap: 12px; padding: 32px; text-align: center; color: var(--muted); }
  .problem.shown { display: flex; }
  .problem strong { color: var(--ink); font-size: 16px; }
  .problem button { font: inherit; color: #fff; background: var(--brand); border: 0; border-radius: 18px; padding: 8px 18px; cursor: pointer; }
</style>
</head>
<body>
<div class="app">
  <header>
    <div class="avatar" aria-hidden="true">${escapeHtml(initials)}</div>
    <div class="titles">
      <h1>${escapeHtml(brandName)}</h1>
      <p class="status" id="status">${escapeHtml(texts.status)}</p>
    </div>
    <button type="button" id="sign-out" title="${escapeHtml(texts.signOutTitle)}" hidden>${escapeHtml(texts.signOut)}</button>
    <button type="button" id="restart" title="${escapeHtml(texts.restartTitle)}">${escapeHtml(texts.restart)}</button>
  </header>
  <main aria-label="${escapeHtml(fillPlaceholders(texts.chatLabel, { brand: brandName }))}">
    <div id="webchat"></div>
    <div class="problem" id="problem" role="alert">
      <strong>${escapeHtml(texts.problemHeading)}</strong>
      <span id="problem-detail"></span>
      <button type="button" id="retry">${escapeHtml(texts.retry)}</button>
    </div>
  </main>
  <footer>
    <p class="notice">${escapeHtml(texts.notice)}</p>
  </footer>
</div>
<script type="application/json" id="webchat-config">${scriptJson(config)}</script>
<script src="${webChatScript}" nonce="${nonce}"></script>
<script nonce="${nonce}">
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('webchat-config').textContent);
  var userKey = 'supportBot.userId';
  var conversationKey = 'supportBot.conversation';

  function store(kind) { try { return window[kind]; } catch (e) { return null; } }
  function read(kind, key) { var s = store(kind); try { return s ? s.getItem(key) : null; } catch (e) { return null; } }
  function write(kind, key, value) { var s = store(kind); try { if (s) { value === null ? s.removeItem(key) : s.setItem(key, value); } } catch (e) { /* private mode */ } }

  // A card's buttons act only until the person answers it: once a message of theirs follows the
  // card, Web Chat renders it with every action's isEnabled false (Adaptive Cards 1.5), so
  // focus that lands on an old card (Escape in the transcript) finds buttons that no longer act.
  // Web Chat calls the attachment middleware again for every card whenever activities change.
  function retireAnsweredCards(store) {
    var retired = new WeakMap();
    function answered(activity) {
      var all = store.getState().activities || [];
      var at = all.findIndex(function (a) { return a === activity || (!!activity.id && a.id === activity.id); });
      return at >= 0 && all.slice(at + 1).some(function (a) { return a.type === 'message' && a.from && a.from.role === 'user'; });
    }
    function inert(content) {
      if (!retired.has(content)) {
        var actions = (content.actions || []).map(function (a) { return Object.assign({}, a, { isEnabled: false }); });
        retired.set(content, Object.assign({}, content, { actions: actions }));
      }
      return retired.get(content);
    }
    return function () {
      return function (next) {
        return function (args) {
          var attachment = args && args.attachment;
          if (attachment && attachment.contentType === 'application/vnd.microsoft.card.adaptive' && attachment.content && args.activity && answered(args.activity)) {
            var rest = Array.prototype.slice.call(arguments, 1);
            return next.apply(null, [Object.assign({}, args, { attachment: Object.assign({}, attachment, { content: inert(attachment.content) }) })].concat(rest));
          }
          return next.apply(null, arguments);
        };
      };
    };
  }

  function focusSendBox() {
    var box = document.querySelector('#webchat [data-id="webchat-sendbox-input"]');
    if (box) box.focus();
  }

  // Answering a card by keyboard disables the very button that has focus (see retireAnsweredCards),
  // and focus would fall to the page, with Tab starting over from the header. It goes to the send
  // box instead, as Web Chat does after a suggested action. Web Chat has no hook for this outside
  // React, so the page watches its DOM for the moment focus is lost. Only after keys: a tap must
  // not move focus, which would open a phone's keyboard.
  function keepFocusInChat() {
    var chat = document.getElementById('webchat');
    var byKeyboard = false;
    var onCard = false;
    document.addEventListener('keydown', function () { byKeyboard = true; }, true);
    document.addEventListener('pointerdown', function () { byKeyboard = false; }, true);
    document.addEventListener('focusin', function (e) { onCard = !!(e.target.closest && e.target.closest('#webchat .ac-adaptiveCard')); });
    new MutationObserver(function () {
      if (byKeyboard && onCard && (!document.activeElement || document.activeElement === document.body)) {
        onCard = false;
        focusSendBox();
      }
    }).observe(chat, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  }

  function showProblem(message) {
    document.getElementById('problem-detail').textContent = message || '';
    document.getElementById('problem').classList.add('shown');
    document.getElementById('status').classList.add('offline');
    document.getElementById('status').textContent = config.texts.statusOffline;
  }

  function connect() {
    document.getElementById('problem').classList.remove('shown');
    var saved = null;
    try { saved = JSON.parse(read('sessionStorage', conversationKey) || 'null'); } catch (e) { saved = null; }
    return fetch('/api/directline/token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resume: saved || undefined, locale: config.locale })
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) {
          // The page says what went wrong in its own language when it knows the code.
          var known = Object.prototype.hasOwnProperty.call(config.texts.errors, body.code) ? config.texts.errors[body.code] : null;
          throw new Error(known ? known.split('{seconds}').join(res.headers.get('Retry-After') || '60') : (body.message || ('HTTP ' + res.status)));
        }
        return body;
      });
    }).then(function (session) {
      if (session.userId) write('localStorage', userKey, session.userId);
      if (session.agent) {
        document.getElementById('status').textContent = config.texts.statusAgent.split('{agent}').join(session.agent);
        document.getElementById('sign-out').hidden = false;
      }
      var options = { token: session.token };
      if (session.mode === 'local') {
        options.domain = location.origin + '/v3/directline';
        options.webSocket = false;
        if (session.resumed) options.conversationId = session.conversationId;
        write('sessionStorage', conversationKey, JSON.stringify({ conversationId: session.conversationId, token: session.token }));
      }
      var directLine = window.WebChat.createDirectLine(options);
      var store = window.WebChat.createStore();
      var compact = window.matchMedia(config.compactMedia);
      // One middleware for every render: a new one would make Web Chat render every card anew.
      var attachmentMiddleware = retireAnsweredCards(store);
      var render = function () {
        window.WebChat.renderWebChat({
          directLine: directLine,
          store: store,
          userID: session.userId,
          locale: config.locale,
          styleOptions: compact.matches ? Object.assign({}, config.styleOptions, config.compactStyleOptions) : config.styleOptions,
          attachmentMiddleware: attachmentMiddleware
        }, document.getElementById('webchat'));
      };
      render();
      // Re-rendering with new props is how Web Chat takes new style options.
      compact.addEventListener('change', render);
      focusSendBox();
      keepFocusInChat();
    }).catch(function (err) {
      showProblem(err && err.message);
    });
  }

  document.getElementById('retry').addEventListener('click', function () { location.reload(); });
  document.getElementById('sign-out').addEventListener('click', function () {
    write('sessionStorage', conversationKey, null);
    fetch('/agent/sign-out', { method: 'POST', credentials: 'same-origin' }).then(function () { location.reload(); }, function () { location.reload(); });
  });
  document.getElementById('restart').addEventListener('click', function () {
    write('sessionStorage', conversationKey, null);
    location.reload();
  });
  if (!window.WebChat) { showProblem(config.texts.componentMissing); return; }
  connect();
})();
</script>
</body>
</html>
`;
}
