// A Web Chat agent's sign-in in a real browser (Debian's Chromium via playwright-core, as in
// test/browser/webChat.test.ts): the link's page, its button, the redirect to the chat page, and
// the page's own token request, which must carry the SameSite=Strict agent cookie the sign-in
// set; then an agent command works, and signing out makes the browser a visitor again. Pending (never passed) without /usr/bin/chromium.
import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, requireChromium, type Chromium } from '../browser/chromium';
import type { RunningBot } from '../../bot/startBot';
import { agentSignInLink } from '../../bot/webchat/agentSignIn';
import { loadKnowledge } from '../../knowledge/load';
import { startTestBot } from '../http/botServer';
import { signingKeyOf } from './webChatClient';

const secret = 'browser-test-sign-in-secret-0123456789';

describe('Browser: a Web Chat agent signs in with a link', function () {
    this.timeout(60_000);
    let bot: RunningBot | undefined;
    let context: BrowserContext | undefined;
    let browser: Chromium | undefined;

    before(async function () {
        requireChromium(this);
        bot = await startTestBot({ HANDOFF_AGENT_IDS: 'webchat:sam', SIGN_IN_SECRET: secret });
        browser = await launchChromium();
        context = browser.context;
    });
    after(async () => {
        await browser?.close();
        await bot?.stop();
    });

    it('opens the link, presses Sign in, lands on the chat as the agent, and the desk answers', async () => {
        const page = context!.pages()[0] ?? (await context!.newPage());
        await page.goto(agentSignInLink(signingKeyOf(secret), 'sam', bot!.url));
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${bot!.url}/`);
        await page.getByText('Hi! I help with BMW Connected security-code problems').first().waitFor({ timeout: 15_000 });
        expect(await page.evaluate(() => localStorage.getItem('supportBot.userId'))).to.equal('dl_agent_sam');
        expect(await page.evaluate(() => document.cookie), 'HttpOnly: no script reads the cookies').to.equal('');
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        await input.fill('queue');
        await input.press('Enter');
        await page.getByText(loadKnowledge().replies.handoff.agentQueueEmpty).first().waitFor({ timeout: 15_000 });
        expect(await page.locator('#status').textContent()).to.equal('Agent desk · signed in as sam');

        // Sign out: the same browser is a visitor again, with an id of its own.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForFunction(() => /^dl_[0-9a-f]{32}$/.test(localStorage.getItem('supportBot.userId') ?? ''), undefined, { timeout: 15_000 });
        expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).to.equal(false);
    });
});
