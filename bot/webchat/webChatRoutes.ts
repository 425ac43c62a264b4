// The Web Chat routes:
//   GET  /                      the page (see webChatPage.ts), in the browser's language (pageLanguage.ts)
//   GET  /webchat/webchat.js    botframework-webchat's own browser bundle, from node_modules
//   POST /api/directline/token  a Direct Line token for the page: Azure's when DIRECT_LINE_SECRET
//                               is set, else the built-in Direct Line's, else 503 with the reason
//
// The token route never takes a user id from the request. The Direct Line user id is the
// server's choice, kept in a signed cookie (webChatCookies.ts): a signed-in agent's own id, or
// the visitor id this browser was given before, or a new one. It is limited per client address:
// every call opens a conversation or spends an Azure token request.
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { perLanguage } from '../../knowledge/languages';
import { loadWebChatPageTexts } from '../../knowledge/loadPageTexts';
import type { Config } from '../config';
import { DirectLineError } from '../directline/directLineStore';
import type { LocalDirectLine } from '../directline/localDirectLine';
import { webChatAgentNames, webChatAgentUserId } from '../handoff/agentEntries';
import { pageLanguage } from '../http/pageLanguage';
import type { Logger } from '../logger';
import { clientAddressKey } from '../security/clientAddress';
import { SlidingWindowLimiter } from '../security/rateLimiter';
import { azureTokenUrl, DirectLineTokenError, generateAzureToken } from './azureDirectLine';
import { loadSigningKey, type SigningKey } from './signing';
import { agentCookie, agentFromCookie, newVisitorUserId, readCookies, userCookie, userCookieHeader, userIdFromCookie } from './webChatCookies';
import { renderWebChatPage, webChatLocaleList } from './webChatPage';

export interface WebChatOptions {
    config: Pick<
        Config,
        | 'BRAND_NAME'
        | 'BRAND_COLOR'
        | 'BOT_AVATAR_INITIALS'
        | 'DIRECT_LINE_SECRET'
        | 'SIGN_IN_SECRET'
        | 'DATA_DIR'
        | 'NODE_ENV'
        | 'HANDOFF_AGENT_IDS'
        | 'TOKEN_RATE_LIMIT_PER_ADDRESS'
        | 'RATE_LIMIT_WINDOW_SECONDS'
    >;
    log: Logger;
    /** The built-in Direct Line, when it is on. */
    localDirectLine?: LocalDirectLine;
    /** Azure's token endpoint (tests point it at a stand-in). */
    tokenUrl?: string;
    /** The key of the signed cookies (default: from the configuration, see signing.ts). */
    signingKey?: SigningKey;
}

/** The browser bundle shipped in the botframework-webchat package (its exports map hides dist/). */
export function webChatBundlePath(): { path: string; version: string } {
    const packageDir = dirname(dirname(require.resolve('botframework-webchat')));
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return { path: join(packageDir, 'dist', 'webchat.js'), version };
}

function contentSecurityPolicy(nonce: string): string {
    return [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Web Chat styles itself at run time (emotion), so inline styles must be allowed.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self' https://*.botframework.com wss://*.botframework.com",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        // No site may frame the chat (clickjacking: a page overlaying it to steer clicks or typing).
        "frame-ancestors 'none'"
    ].join('; ');
}

export function addWebChatRoutes(server: Server, options: WebChatOptions): void {
    const { config, log, localDirectLine } = options;
    const bundle = webChatBundlePath();
    const scriptUrl = `/webchat/webchat.js?v=${encodeURIComponent(bundle.version)}`;
    let gzipped: Promise<Buffer> | undefined;
    // Read once: a missing or broken texts file stops the server at start, not a visitor's page.
    const texts = perLanguage((language) => loadWebChatPageTexts(language));

    server.get('/', async (req: Request, res: Response) => {
        const nonce = randomBytes(16).toString('base64');
        const language = pageLanguage(req);
        const html = renderWebChatPage({
            brandName: config.BRAND_NAME,
            brandColor: config.BRAND_COLOR,
            initials: config.BOT_AVATAR_INITIALS,
            nonce,
            webChatScript: scriptUrl,
            language,
            texts: texts[language]
        });
        res.writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Language': language,
            'Cache-Control': 'no-store',
            Vary: 'Accept-Language',
            'Content-Security-Policy': contentSecurityPolicy(nonce),
            // frame-ancestors' counterpart for browsers that predate CSP level 2.
            'X-Frame-Options': 'DENY',
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer'
        });
        res.end(html);
    });

    server.get('/webchat/webchat.js', async (req: Request, res: Response) => {
        const headers = {
            'Content-Type': 'application/javascript; charset=utf-8',
            // The URL carries the package version, so browsers may keep it.
            'Cache-Control': 'public, max-age=604800, immutable',
            'X-Content-Type-Options': 'nosniff'
        };
        try {
            if (/\bgzip\b/.test(req.header('accept-encoding') ?? '')) {
                // 3.9 MB becomes about 1 MB; compressed once, on the first request.
                gzipped ??= readFile(bundle.path).then((raw) => promisify(gzip)(raw));
                const body = await gzipped;
                res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
                res.end(body);
                return;
            }
            res.writeHead(200, { ...headers, Vary: 'Accept-Encoding' });
            createReadStream(bundle.path).pipe(res);
        } catch (err) {
            gzipped = undefined;
            log.error({ err, path: bundle.path }, 'could not serve the Web Chat bundle');
            if (!res.headersSent) {
                res.status(500);
                res.json({ code: 'InternalError', message: 'The Web Chat bundle could not be read.' });
            }
        }
    });

    // Made on first use: a bot without Web Chat needs no key (nor a key file in DATA_DIR).
    let key = options.signingKey;
    const signingKey = () => (key ??= loadSigningKey(config));
    const agents = webChatAgentNames(config.HANDOFF_AGENT_IDS);
    const secure = config.NODE_ENV === 'production';
    const limiter = new SlidingWindowLimiter({ limit: config.TOKEN_RATE_LIMIT_PER_ADDRESS, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000 });

    server.post('/api/directline/token', async (req: Request, res: Response) => {
        res.header('Cache-Control', 'no-store');
        const address = clientAddressKey(req);
        const decision = limiter.take(address);
        if (!decision.allowed) {
            if (decision.firstRejectionThisWindow) log.warn({ address, retryAfterSeconds: decision.retryAfterSeconds }, 'direct line token rate limit reached');
            res.header('Retry-After', String(decision.retryAfterSeconds));
            res.status(429);
            res.json({ code: 'TooManyRequests', message: `Too many chat sessions requested from this address; try again in ${decision.retryAfterSeconds} s.` });
            return;
        }
        if (!config.DIRECT_LINE_SECRET && !localDirectLine) {
            res.status(503);
            res.json({
                code: 'DirectLineNotConfigured',
                message: 'Web Chat is not set up on this server: set DIRECT_LINE_SECRET (the Direct Line channel of the Azure Bot) or LOCAL_DIRECT_LINE=true for the built-in endpoint.'
            });
            return;
        }
        const key = signingKey();
        const cookies = readCookies(req.header('cookie'));
        // An agent stays an agent only while HANDOFF_AGENT_IDS lists them.
        const agent = agentFromCookie(key, cookies.get(agentCookie), Math.floor(Date.now() / 1000));
        const signedInAgent = agent && agents.has(agent) ? agent : undefined;
        let userId = signedInAgent ? webChatAgentUserId(signedInAgent) : userIdFromCookie(key, cookies.get(userCookie));
        if (!userId) {
            userId = newVisitorUserId();
            res.header('Set-Cookie', userCookieHeader(key, userId, secure));
        }
        const body = (req.is('json') && req.body && typeof req.body === 'object' ? req.body : {}) as {
            resume?: { conversationId?: unknown; token?: unknown };
            locale?: unknown;
        };
        // Only a locale of the page's own list is kept: the bot greets in its language.
        const locale = webChatLocaleList.find((known) => known === body.locale);
        const session = { userId, ...(signedInAgent ? { agent: signedInAgent } : {}) };

        if (config.DIRECT_LINE_SECRET) {
            try {
                // Azure puts this id in the token: only this server, which holds the secret, chooses it.
                const token = await generateAzureToken(config.DIRECT_LINE_SECRET, userId, options.tokenUrl ?? azureTokenUrl);
                res.json({ mode: 'azure', ...session, ...token });
            } catch (err) {
                log.error({ err: err instanceof DirectLineTokenError ? err.message : err }, 'direct line token exchange failed');
                res.status(502);
                res.json({ code: 'DirectLineUnavailable', message: 'The chat service could not be reached. Please try again in a moment.' });
            }
            return;
        }
        if (localDirectLine) {
            const { conversationId, token } = body.resume ?? {};
            try {
                const resumed = typeof conversationId === 'string' && typeof token === 'string' ? localDirectLine.resume(userId, conversationId, token) : undefined;
                res.json({ mode: 'local', ...session, resumed: !!resumed, ...(resumed ?? localDirectLine.open(userId, locale)) });
            } catch (err) {
                if (!(err instanceof DirectLineError)) throw err;
                // The built-in Direct Line is full (429/503): the page shows the message and can try again.
                const status: number = err.status;
                if (status === 429 || status === 503) res.header('Retry-After', String((err as { retryAfterSeconds?: number }).retryAfterSeconds ?? 30));
                res.status(status);
                res.json({ code: err.code, message: err.message });
            }
        }
    });
}
