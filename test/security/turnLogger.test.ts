// Issue 7.6: one structured log line per message turn at info, without the message text; at
// debug, the text only as redacted.
import { expect } from 'chai';
import { redactionMarker } from '../../bot/privacy/redactSecurityCodes';
import { activity, captureLog, post, startSecuredBot } from './securedBot';

describe('turn logging', function () {
    this.timeout(30_000);

    it('logs one info line per message turn with where, what was understood, the dialog step and the latency', async () => {
        const capture = captureLog('info');
        const bot = await startSecuredBot({ LOG_LEVEL: 'info' }, capture.log);
        try {
            await post(bot.url, activity('log-1', 'my security code 4821 is not accepted'));
            await post(bot.url, activity('log-1', 'yes'));
            await post(bot.url, activity('log-1', undefined, { type: 'conversationUpdate', membersAdded: [{ id: 'someone' }] }));
        } finally {
            await bot.stop();
        }
        const turns = capture.records().filter((r) => r.msg === 'message turn');
        expect(turns).to.have.length(2);
        const [first, second] = turns as Record<string, unknown>[];
        expect(first).to.include({ level: 30, conversationId: 'log-1', channelId: 'test', intent: 'code_not_accepted', band: 'high', dialogStep: 'route', outcome: 'ok', redacted: true, truncated: false });
        expect(first!.score).to.be.a('number').within(0, 1);
        expect(first!.latencyMs).to.be.a('number').at.least(0);
        expect(first!.replies).to.be.a('number').at.least(1);
        expect(second!.dialogStep).to.be.a('string').and.match(/troubleshoot/);
        // No text at info: neither the words nor the code.
        const all = capture.lines.join('\n');
        expect(all).not.to.include('not accepted');
        expect(all).not.to.include('4821');
        expect(all).not.to.include(redactionMarker);
    });

    it('at debug adds the text, redacted', async () => {
        const capture = captureLog('debug');
        const bot = await startSecuredBot({ LOG_LEVEL: 'debug' }, capture.log);
        try {
            await post(bot.url, activity('log-2', 'my pin is 4821'));
        } finally {
            await bot.stop();
        }
        const text = capture.records().find((r) => r.msg === 'message turn text (redacted)');
        expect(text).to.include({ level: 20, conversationId: 'log-2', text: `my pin is ${redactionMarker}` });
        expect(capture.lines.join('\n')).not.to.include('4821');
    });
});
