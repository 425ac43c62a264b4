// The Web Chat page in Chromium set to German (de-DE), under its real CSP: the browser's own
// Accept-Language makes the page German, its texts and Web Chat's own controls alike, and the
// messages carry the locale de-DE to the bot. A whole German conversation: webChatGermanConversation.test.ts.
//
// Without /usr/bin/chromium the suite is reported as pending (never passed), with the reason.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { launchChromium, requireChromium, type Chromium } from './chromium';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from '../http/botServer';

describe('Browser: the Web Chat page in a German Chromium', function () {
    this.timeout(60_000);
    let bot: RunningBot | undefined;
    let browser: Chromium | undefined;
    let page: Page;
    const problems: string[] = [];

    before(async function () {
        requireChromium(this);
        bot = await startTestBot();
        browser = await launchChromium({ viewport: { width: 1100, height: 900 }, locale: 'de-DE' });
        page = browser.context.pages()[0] ?? (await browser.context.newPage());
        page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
        page.on('console', (message) => {
            if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
    });

    after(async () => {
        await browser?.close();
        await bot?.stop();
    });

    const input = () => page.locator('[data-id="webchat-sendbox-input"]');

    it('shows the page in German: lang="de", the header, the button and the notice', async () => {
        await page.goto(`${bot!.url}/`);
        await input().waitFor({ timeout: 15_000 });
        expect(await page.locator('html').getAttribute('lang')).to.equal('de');
        expect(await page.locator('#status').textContent()).to.equal('Support-Assistent · antwortet in Sekunden');
        expect(await page.getByRole('button', { name: 'Neues Gespräch', exact: true }).isVisible()).to.equal(true);
        expect(await page.getByRole('button', { name: 'Neues Gespräch' }).getAttribute('title')).to.equal('Ein neues Gespräch beginnen');
        expect(await page.getByRole('main').getAttribute('aria-label')).to.equal('BMW Connected Help Chat');
        expect(await page.getByRole('contentinfo').textContent()).to.contain('Geben Sie Ihren Sicherheitscode hier niemals ein');
        expect(await page.getByText('New conversation').count()).to.equal(0);
    });

    it('has Web Chat\'s own send box in German', async () => {
        expect(await input().getAttribute('placeholder')).to.equal('Nachricht eingeben');
        expect(await page.getByRole('button', { name: 'Senden', exact: true }).isVisible()).to.equal(true);
    });

    it('sends the person\'s messages with the locale de-DE', async () => {
        const sent = page.waitForRequest((req) => req.method() === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(req.url()), { timeout: 15_000 });
        await input().fill('Hallo');
        await input().press('Enter');
        const activity = (await sent).postDataJSON() as { type: string; text: string; locale: string };
        expect([activity.type, activity.text, activity.locale]).to.deep.equal(['message', 'Hallo', 'de-DE']);
    });

    it('logged no errors in the browser', () => {
        expect(problems).to.deep.equal([]);
    });

    // After the check above: the refused request is logged as a console error.
    it('says in German when too many chats were started, with the wait from Retry-After', async () => {
        await page.route('**/api/directline/token', (route) =>
            route.fulfill({ status: 429, headers: { 'Retry-After': '42' }, contentType: 'application/json', body: JSON.stringify({ code: 'TooManyRequests', message: 'Too many chat sessions' }) })
        );
        await page.reload();
        const problem = page.getByRole('alert');
        await problem.getByText('Wir können den Support gerade nicht erreichen.').waitFor({ timeout: 15_000 });
        expect(await problem.textContent()).to.contain('bitte versuchen Sie es in 42 s erneut').and.not.contain('Too many');
        expect(await page.locator('#status').textContent()).to.equal('Offline');
        expect(await problem.getByRole('button', { name: 'Erneut versuchen' }).isVisible()).to.equal(true);
    });
});
