// npm run agent:link against a running bot that shares only its environment with the command:
// with neither SIGN_IN_SECRET nor DIRECT_LINE_SECRET set, both use DATA_DIR/sign-in.key.
import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBot } from '../../bot/startBot';
import { runAgentLink } from '../../bot/webchat/agentLinkCli';
import { startTestBot } from '../http/botServer';
import { Browser, openSignInLink } from './webChatClient';

describe('npm run agent:link', function () {
    this.timeout(30_000);
    let dataDir: string;
    let bot: RunningBot;
    const env = () => ({ DATA_DIR: dataDir, STORAGE: 'memory', HANDOFF_AGENT_IDS: 'webchat:sam' });

    before(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'agent-link-'));
        bot = await startTestBot(env());
    });
    after(async () => {
        await bot?.stop();
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('prints a link the running bot accepts once, which makes that browser the agent', async () => {
        const printed: string[] = [];
        expect(runAgentLink(['sam', '--url', bot.url], env(), (line) => printed.push(line), () => undefined)).to.equal(0);
        expect(statSync(join(dataDir, 'sign-in.key')).mode & 0o077, 'the key file is readable by its owner only').to.equal(0);
        const link = printed[0]!;
        expect(link).to.match(new RegExp(`^${bot.url}/agent/sign-in\\?code=sam\\.`));
        const browser = new Browser();
        expect((await openSignInLink(browser, link)).status).to.equal(303);
        expect((await browser.token(bot.url)).body).to.include({ userId: 'dl_agent_sam', agent: 'sam' });
        expect((await openSignInLink(new Browser(), link)).status).to.equal(410);
    });

    it('refuses a name that HANDOFF_AGENT_IDS does not list, and bad arguments, with what to do', () => {
        const errors: string[] = [];
        expect(runAgentLink(['bob'], env(), () => undefined, (line) => errors.push(line))).to.equal(1);
        expect(errors.join('\n')).to.contain('add webchat:bob to HANDOFF_AGENT_IDS');
        expect(runAgentLink([], env(), () => undefined, (line) => errors.push(line))).to.equal(2);
        expect(runAgentLink(['sam', '--minutes', '600'], env(), () => undefined, (line) => errors.push(line))).to.equal(2);
    });
});
