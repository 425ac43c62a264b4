// WCAG 2.2 AA on the Web Chat page, in Debian's Chromium (as in webChat.test.ts): axe-core on the
// welcome and on a fix step card, the reflow cases of 400% zoom, visible focus, the timestamps'
// contrast, the landmarks, the card buttons, answered cards going inert, and a keyboard-only walk
// through one whole conversation. Screenshots at 320x256, 320x640 and under forced colours go to
// A11Y_SHOTS_DIR (default test/artifacts/a11y/).
//
// The context bypasses the page's CSP, which forbids inline scripts, to inject axe-core;
// webChat.test.ts covers the page under its real CSP.
//
// Without /usr/bin/chromium the suite is reported as pending (never passed), with the reason.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, requireChromium, type Chromium } from './chromium';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from '../http/botServer';
import { describeFindings, runAxe } from './axe';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledgeBase } from '../../knowledge/load';
import { loadWebChatPageTexts } from '../../knowledge/loadPageTexts';

const shots = process.env.A11Y_SHOTS_DIR ?? join(__dirname, '..', 'artifacts', 'a11y');

const { de } = loadKnowledgeBase();
const dePage = loadWebChatPageTexts('de');
const deQuestion = de.articles[0]!.questions.find((q) => q.id === 'software_up_to_date')!;

/** What the test types and expects, per language: the browser's language makes the page's, the typed text the bot's. */
const locales = [
    {
        name: 'English',
        browserLocale: 'en-US',
        path: '/',
        welcome: 'Hi! I help with BMW Connected security-code problems',
        newConversation: 'New conversation',
        notice: 'Never type your security code here',
        symptom: 'my security code is not accepted',
        confirmQuestion: 'Is that right?',
        yes: 'Yes',
        no: 'no',
        suggestedActions: 'Suggested actions',
        checkQuestion: 'A quick check first',
        notSure: 'Not sure',
        step: (n: number) => `Step ${n} of `,
        stepAnswers: ['Yes', 'No', 'I already tried that', "I can't do this"],
        tried: 'I already tried that',
        resolved: 'Great, glad it', // Web Chat typesets the apostrophe that follows
        helpful: '👍 Helpful',
        thanks: 'Thanks for the feedback!'
    },
    {
        name: 'German',
        browserLocale: 'de-DE',
        path: '/',
        welcome: de.replies.welcome,
        newConversation: dePage.restart,
        notice: dePage.notice.split(':')[0]!,
        symptom: 'Mein Sicherheitscode wird nicht akzeptiert',
        confirmQuestion: fillTemplate(de.replies.confirmSymptom, { confirm: de.articles[0]!.symptoms.find((s) => s.id === 'code_not_accepted')!.confirm }),
        yes: de.replies.answers.confirm.yes.label,
        no: 'nein',
        suggestedActions: 'Empfohlene Aktionen', // Web Chat's own de-DE text
        checkQuestion: deQuestion.prompt,
        notSure: deQuestion.answers.find((a) => a.id === 'not_sure')!.label,
        step: (n: number) => fillTemplate(de.replies.stepCard.heading, { number: n }).split('{total}')[0]!,
        stepAnswers: Object.values(de.replies.answers.step).map((a) => a.label),
        tried: de.replies.answers.step.alreadyTried.label,
        resolved: de.replies.resolved,
        helpful: de.replies.answers.feedback.good.label,
        thanks: de.replies.feedbackThanks
    }
];

/** WCAG's contrast ratio of two CSS colours in rgb()/rgba() form (alpha ignored: both are opaque here). */
function contrast(a: string, b: string): number {
    const luminance = (css: string) => {
        const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
            const v = Number(c) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
}

for (const locale of locales) {
    describe(`Browser: the Web Chat page meets WCAG 2.2 AA (${locale.name})`, function () {
        this.timeout(90_000);
        let bot: RunningBot | undefined;
        let context: BrowserContext | undefined;
        let browser: Chromium | undefined;
        let page: Page;
        const problems: string[] = [];

        before(async function () {
            requireChromium(this);
            bot = await startTestBot();
            browser = await launchChromium({ viewport: { width: 1100, height: 900 }, bypassCSP: true, locale: locale.browserLocale });
            context = browser.context;
            // tsx names the functions the tests pass to page.evaluate with a helper the page lacks.
            await context.addInitScript('globalThis.__name = (f) => f');
            page = context.pages()[0] ?? (await context.newPage());
            page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
            page.on('console', (message) => {
                if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
            });
            mkdirSync(shots, { recursive: true });
        });

        after(async () => {
            await browser?.close();
            await bot?.stop();
        });

        const see = (text: string) => page.getByText(text).first().waitFor({ timeout: 15_000 });
        const input = () => page.locator('[data-id="webchat-sendbox-input"]');
        const cards = () => page.locator('.ac-adaptiveCard');
        const userMessages = () => page.locator('.webchat__stacked-layout--from-user').count();
        const focused = () =>
            page.evaluate(() => {
                const e = document.activeElement as HTMLElement | null;
                return { id: e?.id ?? '', name: (e?.getAttribute('aria-label') ?? e?.textContent ?? '').trim(), dataId: e?.dataset.id ?? '', role: e?.getAttribute('role') ?? '' };
            });
        /** Presses `key` until `done` holds for the focused element (at most 12 times); returns whether it did. */
        async function pressUntil(key: string, done: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<boolean> {
            for (let i = 0; i < 12; i++) {
                await page.keyboard.press(key);
                if (done(await focused())) return true;
            }
            return false;
        }
        async function type(text: string) {
            await input().fill(text);
            await input().press('Enter');
        }
        async function axeClean(where: string) {
            const { own, webChat } = await runAxe(page);
            if (webChat.length) console.log(`      Web Chat's own axe findings on the ${where} (not failed on):\n${describeFindings(webChat).replace(/^/gm, '        ')}`);
            expect(own, `axe violations in the page's own markup on the ${where}:\n${describeFindings(own)}`).to.deep.equal([]);
        }

        it('the welcome has no axe violation (wcag2a, wcag2aa, wcag21aa, wcag22aa) in the page’s own markup', async () => {
            await page.goto(`${bot!.url}${locale.path}`);
            await see(locale.welcome);
            await axeClean('welcome');
        });

        it('has one main landmark, and the security-code notice is inside a landmark', async () => {
            expect(await page.getByRole('main').count()).to.equal(1);
            expect(await page.getByRole('contentinfo').getByText(locale.notice).isVisible()).to.equal(true);
            // axe's landmark rules are best practice, not WCAG tags: run them by name.
            const { own } = await runAxe(page, { rules: ['landmark-one-main', 'landmark-no-duplicate-main', 'landmark-main-is-top-level', 'region'] });
            expect(own, describeFindings(own)).to.deep.equal([]);
        });

        it('timestamps have at least 4.5:1 contrast with the transcript behind them (colours from styleOptions)', async () => {
            const { color, background, text } = await page.locator('.webchat__activity-status').first().evaluate((e) => {
                let back: Element | null = e;
                while (back && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(back).backgroundColor)) back = back.parentElement;
                return { color: getComputedStyle(e).color, background: back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)', text: e.textContent };
            });
            expect(text, 'a timestamp is shown').to.not.equal('');
            expect(contrast(color, background), `${color} on ${background}`).to.be.at.least(4.5);
        });

        it('focus is visible on "New conversation" and on the send box, also under forced colours', async () => {
            const restartOutline = () =>
                page.locator('#restart').evaluate((e) => {
                    const s = getComputedStyle(e);
                    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, brand: getComputedStyle(document.documentElement).getPropertyValue('--brand').trim() };
                });
            const sendBoxOutline = () => input().evaluate((e) => {
                const s = getComputedStyle(e.closest('.webchat__send-box-text-box')!);
                return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
            });
            const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

            expect(await pressUntil('Shift+Tab', (f) => f.id === 'restart'), 'Shift+Tab reaches New conversation').to.equal(true);
            const restart = await restartOutline();
            expect(restart.style).to.not.equal('none');
            expect(restart.width).to.be.at.least(2);
            // 1.4.11: the cue has 3:1 against the header's brand colour behind it.
            expect(contrast(restart.color, hexToRgb(restart.brand)), `${restart.color} on ${restart.brand}`).to.be.at.least(3);
            expect(await pressUntil('Tab', (f) => f.dataId === 'webchat-sendbox-input'), 'Tab reaches the send box').to.equal(true);
            expect(await sendBoxOutline()).to.deep.include({ style: 'solid' }).and.to.have.property('width').at.least(2);

            await page.emulateMedia({ forcedColors: 'active' });
            try {
                expect((await sendBoxOutline()).style, 'send box, forced colours').to.not.equal('none');
                await pressUntil('Shift+Tab', (f) => f.id === 'restart');
                expect((await restartOutline()).style, 'New conversation, forced colours').to.not.equal('none');
                await page.screenshot({ path: join(shots, 'forced-colours-focus-new-conversation.png') });
            } finally {
                await page.emulateMedia({ forcedColors: 'none' });
            }
            await pressUntil('Tab', (f) => f.dataId === 'webchat-sendbox-input');
        });

        it('reflows at 320x256 (400% zoom): the transcript keeps more than half the height, nothing overlaps, no sideways scrolling', async () => {
            // "Most" is more than half: at 256 px that is 5 lines of text or so, while the one-line header,
            // the welcome's suggested actions (one scrolling row) and the send box share the rest. The
            // notice follows the chat below the fold, reached by scrolling the page, as 1.4.10 allows.
            await page.setViewportSize({ width: 320, height: 256 });
            await page.waitForTimeout(500);
            const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
            const transcript = await box('.webchat__basic-transcript');
            expect(transcript.height, 'transcript height').to.be.greaterThan(256 / 2);
            expect(await page.getByRole('toolbar', { name: locale.suggestedActions }).isVisible(), 'the measure is taken with the suggested actions showing').to.equal(true);
            const sendBox = await box('.webchat__send-box');
            expect(sendBox.y + sendBox.height, 'the send box is in view').to.be.at.most(256);
            const footer = await box('footer');
            expect(footer.y, 'the notice starts below the send box').to.be.at.least(sendBox.y + sendBox.height);
            expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(320);
            await page.screenshot({ path: join(shots, 'welcome-320x256.png') });
            await page.getByRole('contentinfo').scrollIntoViewIfNeeded();
            expect(await page.getByRole('contentinfo').getByText(locale.notice).isVisible(), 'the notice can be scrolled to').to.equal(true);
            await page.screenshot({ path: join(shots, 'welcome-320x256-scrolled-to-notice.png') });
            await page.evaluate(() => window.scrollTo(0, 0));
        });

        it('at 320x640 the title keeps to two lines at most, and the status dot stays round', async () => {
            await page.setViewportSize({ width: 320, height: 640 });
            await page.waitForTimeout(300);
            const { lines, dot } = await page.evaluate(() => {
                const h1 = document.querySelector('h1')!;
                const before = getComputedStyle(document.querySelector('.status')!, '::before');
                const lines = Math.round(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight));
                return { lines, dot: [parseFloat(before.width), parseFloat(before.height)] };
            });
            expect(lines, 'title lines').to.be.at.most(2);
            expect(dot[0], 'status dot width = height').to.equal(dot[1]);
            expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(320);
            await page.screenshot({ path: join(shots, 'welcome-320x640.png') });
            await page.emulateMedia({ forcedColors: 'active' });
            await page.screenshot({ path: join(shots, 'welcome-320x640-forced-colours.png') });
            await page.emulateMedia({ forcedColors: 'none' });
            await page.setViewportSize({ width: 1100, height: 900 });
        });

        it('a step card reached by typing has no axe violation in the page’s own markup, a heading, 14 px buttons, and is announced with its text', async () => {
            await type(locale.symptom);
            await see(locale.confirmQuestion);
            await type(locale.yes);
            await see(locale.checkQuestion);
            await type(locale.notSure);
            await see(locale.step(1));
            const card = cards().last();
            expect(await card.getByRole('heading', { level: 2 }).textContent()).to.match(new RegExp(`^${locale.step(1)}`));
            for (const answer of locale.stepAnswers) {
                const size = await card.getByRole('button', { name: answer, exact: true }).evaluate((e) => getComputedStyle(e).fontSize);
                expect(size, answer).to.equal('14px');
            }
            // Web Chat announces a new card in its live region from the card's `speak`: the card's text, not only its buttons.
            const shown = (await card.locator('.ac-textBlock').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
            const announced = (await page.locator('.webchat__live-region-transcript').textContent())!.replace(/\s+/g, ' ');
            const plain = (t: string) => t.replace(/[’']/g, "'");
            for (const text of shown) expect(plain(announced), `announced: ${text}`).to.include(plain(text));
            await axeClean('step card');
            await page.setViewportSize({ width: 320, height: 256 });
            await page.waitForTimeout(500);
            expect((await cards().last().boundingBox())!.width, 'the card fits 320 px').to.be.at.most(320);
            await page.screenshot({ path: join(shots, 'step-card-320x256.png') });
            await page.setViewportSize({ width: 320, height: 640 });
            await page.waitForTimeout(300);
            await page.screenshot({ path: join(shots, 'step-card-320x640.png') });
            await page.emulateMedia({ forcedColors: 'active' });
            await page.screenshot({ path: join(shots, 'step-card-320x640-forced-colours.png') });
            await page.emulateMedia({ forcedColors: 'none' });
            await page.setViewportSize({ width: 1100, height: 900 });
        });

        it('once answered, a card’s buttons no longer act; the new card’s do', async () => {
            await type(locale.no);
            await see(locale.step(2));
            const old = cards().first();
            for (const answer of locale.stepAnswers) expect(await old.getByRole('button', { name: answer, exact: true }).isDisabled(), answer).to.equal(true);
            const before = await userMessages();
            await old.getByRole('button', { name: locale.tried, exact: true }).click({ force: true });
            await page.waitForTimeout(1000);
            expect(await userMessages(), 'a click on the old card sends nothing').to.equal(before);
            for (const answer of locale.stepAnswers) expect(await cards().last().getByRole('button', { name: answer, exact: true }).isEnabled(), answer).to.equal(true);
            await cards().first().scrollIntoViewIfNeeded();
            await page.screenshot({ path: join(shots, 'answered-card.png') });
        });

        it('can be used with the keyboard alone for a whole conversation', async () => {
            // New conversation, from the send box: Shift+Tab to the header button, Enter.
            expect(await pressUntil('Shift+Tab', (f) => f.id === 'restart')).to.equal(true);
            await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
            await see(locale.welcome);
            await page.waitForTimeout(300);
            expect((await focused()).dataId, 'focus starts in the send box').to.equal('webchat-sendbox-input');
            expect(await userMessages(), 'the new conversation is empty').to.equal(0);

            await page.keyboard.type(locale.symptom);
            await page.keyboard.press('Enter');
            await see(locale.confirmQuestion);
            // Shift+Tab from the send box reaches the suggested actions; the arrows move among them.
            expect(await pressUntil('Shift+Tab', (f) => f.name === locale.yes), 'suggested action Yes').to.equal(true);
            await page.keyboard.press('Enter');
            await see(locale.checkQuestion);
            await page.waitForTimeout(300);
            expect((await focused()).dataId, 'focus back in the send box after a suggested action').to.equal('webchat-sendbox-input');
            await page.keyboard.press('Shift+Tab');
            expect(await pressUntil('ArrowRight', (f) => f.name === locale.notSure), 'suggested action Not sure').to.equal(true);
            await page.keyboard.press('Enter');
            await see(locale.step(1));

            // The card: Shift+Tab to the transcript (the newest message is active), Enter into the card, Tab among its buttons.
            expect(await pressUntil('Shift+Tab', (f) => f.role === 'group'), 'the transcript').to.equal(true);
            await page.keyboard.press('Enter');
            expect((await focused()).name, 'Enter puts focus on the card’s first button').to.equal(locale.stepAnswers[0]);
            expect(await pressUntil('Tab', (f) => f.name === locale.tried)).to.equal(true);
            await page.keyboard.press('Enter');
            await see(locale.step(2));
            await page.waitForTimeout(300);
            expect((await focused()).dataId, 'focus goes to the send box when the answered card goes inert').to.equal('webchat-sendbox-input');

            // The old card cannot take focus back: Escape and Tab pass over its disabled buttons.
            expect(await cards().first().locator('button:not([disabled])').count(), 'no live button on the answered card').to.equal(0);
            expect(await pressUntil('Shift+Tab', (f) => f.role === 'group')).to.equal(true);
            await page.keyboard.press('Enter');
            expect((await focused()).name).to.equal(locale.stepAnswers[0]);
            await page.keyboard.press('Enter');
            await see(locale.resolved);

            // Feedback on a suggested action, then the conversation is over.
            await page.waitForTimeout(300);
            expect(await pressUntil('Shift+Tab', (f) => f.name === locale.helpful), 'feedback button').to.equal(true);
            await page.keyboard.press('Enter');
            await see(locale.thanks);
            expect(await page.getByText(/Send failed|Sending/).count(), 'every message was delivered').to.equal(0);
        });

        it('logged no errors in the browser', () => {
            expect(problems).to.deep.equal([]);
        });
    });
}
