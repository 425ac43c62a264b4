// The Web Chat page in a real browser: Debian's Chromium (/usr/bin/chromium, never a downloaded
// browser) driven by playwright-core, against the real server with the built-in Direct Line.
// A person opens the page, describes the problem, clicks through to a fix step card and answers
// it; a reload keeps the conversation. Screenshots go to test/artifacts/ (webchat-welcome.png,
// webchat.png).
//
// Without /usr/bin/chromium the suite is reported as pending (never passed), with the reason.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, requireChromium, type Chromium } from './chromium';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from '../http/botServer';

const artifacts = join(__dirname, '..', 'artifacts');
const screenshot = join(artifacts, 'webchat.png');

describe('Browser: the Web Chat page in Chromium', function () {
    this.timeout(60_000);
    let bot: RunningBot | undefined;
    let context: BrowserContext | undefined;
    let browser: Chromium | undefined;
    let page: Page;
    const problems: string[] = [];

    before(async function () {
        requireChromium(this);
        bot = await startTestBot();
        browser = await launchChromium({ viewport: { width: 1100, height: 900 } });
        context = browser.context;
        page = context.pages()[0] ?? (await context.newPage());
        page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
        page.on('console', (message) => {
            if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
    });

    after(async () => {
        await browser?.close();
        await bot?.stop();
    });

    const suggested = (name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
    const lastCard = () => page.locator('.ac-adaptiveCard').last();
    const see = (text: string) => page.getByText(text).first().waitFor({ timeout: 15_000 });

    it('opens / and shows the welcome with the four symptoms as buttons', async () => {
        await page.goto(`${bot!.url}/`);
        expect(await page.title()).to.equal('BMW Connected Help');
        await see('Hi! I help with BMW Connected security-code problems');
        for (const label of ['Code not accepted', 'App not connecting', 'Security features disabled', 'No notifications']) {
            expect(await suggested(label).isVisible(), label).to.equal(true);
        }
        expect(await page.locator('header h1').textContent()).to.equal('BMW Connected Help');
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, 'webchat-welcome.png') });
    });

    it('takes a typed symptom and asks to confirm it; the Yes button confirms', async () => {
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        await input.fill('my security code keeps getting rejected');
        await input.press('Enter');
        await see('Sounds like your security code'); // Web Chat typesets the apostrophe
        await suggested('Yes').click();
        await see('A quick check first');
    });

    it('answers the question and shows a fix step card with its answer buttons', async () => {
        await suggested('Not sure').click();
        await see('Step 1 of 4: Re-enter the security code');
        for (const answer of ['Yes', 'No', 'I already tried that', "I can't do this"]) {
            expect(await lastCard().getByRole('button', { name: answer, exact: true }).isVisible(), answer).to.equal(true);
        }
    });

    it('takes a click on the card and shows the next step', async () => {
        await lastCard().getByRole('button', { name: 'I already tried that', exact: true }).click();
        await see('Step 2 of 4: Check for updates');
        // Every message the person sent was delivered (none stuck at "Sending" or failed).
        expect(await page.getByText(/Send failed|Sending/).count()).to.equal(0);
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300);
        await page.screenshot({ path: screenshot });
        expect(existsSync(screenshot)).to.equal(true);
    });

    it('keeps the conversation and the user after a reload', async () => {
        const userId = await page.evaluate(() => localStorage.getItem('supportBot.userId'));
        expect(userId).to.match(/^dl_[0-9a-f]{32}$/);
        await page.reload();
        await see('Step 2 of 4: Check for updates');
        expect(await page.evaluate(() => localStorage.getItem('supportBot.userId'))).to.equal(userId);
        await lastCard().getByRole('button', { name: 'No', exact: true }).click();
        await see('Step 3 of 4');
    });

    it('logged no errors in the browser', () => {
        expect(problems).to.deep.equal([]);
    });
});
