// The order of the turn's middleware is written once (bot/turnPipeline.ts) and logged at start-up,
// so an operator can read it from the first lines of the log.
import { expect } from 'chai';
import { captureLog, startSecuredBot } from '../security/securedBot';

describe('turn pipeline', () => {
    it('is logged once at start-up, in the order a turn passes through it', async () => {
        const { log, records } = captureLog('info');
        const bot = await startSecuredBot({ STORAGE: 'file', DATA_DIR: `/tmp/pipeline-${process.pid}-${Date.now()}` }, log);
        try {
            const lines = records().filter((r) => r.msg === 'turn pipeline');
            expect(lines).to.have.length(1);
            expect(lines[0]!.middleware).to.deep.equal([
                'turn metrics',
                'reply buffer',
                'serviceUrl allow-list',
                'card submit as text',
                'security-code redaction',
                'long-text truncation',
                'transcripts',
                'turn log',
                'handoff relay'
            ]);
        } finally {
            await bot.stop();
        }
    });
});
