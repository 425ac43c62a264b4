// Issue 7.2, end to end: a security code typed into the chat is in no file of the store (state,
// feedback, transcripts), no log line (down to debug), no reply body and no handoff summary.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { redactionMarker } from '../../bot/privacy/redactSecurityCodes';
import { transcriptFile } from '../../bot/transcripts/fileTranscriptStore';
import { activity, captureLog, post, repliesOf, startSecuredBot, type Reply } from './securedBot';

function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

// Bounded so an eTag's hex digits or a timestamp's milliseconds cannot look like the code.
const secrets: [string, RegExp][] = [
    ['4821', /(?<![0-9a-z])4821(?![0-9a-z])/i],
    ['4 8 2 1', /4 8 2 1/],
    ['48-21', /48-21/],
    ['a7x9k2', /(?<![0-9a-z])a7x9k2(?![0-9a-z])/i],
    ['0000 after pin', /pin:? ?0000/i]
];

function expectNoSecret(where: string, text: string) {
    for (const [name, pattern] of secrets) expect(pattern.test(text), `${name} found in ${where}`).to.equal(false);
}

describe('privacy: a typed security code is stored, logged and forwarded nowhere', function () {
    this.timeout(60_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'privacy-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('holds for the file store, the transcripts, the logs, the replies and the handoff', async () => {
        const capture = captureLog('debug');
        const bot = await startSecuredBot({ STORAGE: 'file', DATA_DIR: dataDir, LOG_LEVEL: 'debug' }, capture.log);
        const replies: Reply[] = [];
        try {
            const say = async (conversation: string, text: string) => {
                const reply = await post(bot.url, activity(conversation, text, { from: { id: `person-${conversation}` } }));
                expect(reply.status, reply.text).to.equal(200);
                replies.push(reply);
                return reply;
            };
            await say('case-1', 'my code 4821 is not accepted');
            await say('case-1', 'yes');
            await say('case-1', 'i typed 4 8 2 1 again, and 48-21, not sure');
            await say('case-1', 'my pin is a7x9k2 and it still fails');
            await say('case-1', 'pin: 0000');
            const handoff = await say('case-1', 'talk to a person');
            await say('case-1', 'the code A7X9K2 is what the car shows');
            // Not understood: goes to the feedback log as an "unrecognised" record.
            await say('case-2', 'zxqv blorp pin 4821 flurb');
            await say('case-2', 'zxqv blorp code a7x9k2 flurb');

            const initiation = repliesOf(handoff).find((a) => a.type === 'event' && a.name === 'handoff.initiate');
            expect(initiation, 'handoff.initiate event').to.not.equal(undefined);
            const summary = JSON.stringify(initiation);
            expect(summary).to.include(redactionMarker);
            expectNoSecret('the handoff summary', summary);
        } finally {
            await bot.stop();
        }

        for (const reply of replies) expectNoSecret('a reply body', reply.text);
        expect(capture.lines.length).to.be.greaterThan(0);
        expectNoSecret('the logs', capture.lines.join('\n'));
        // The debug line carries the redacted text: proof that the logs were looked at with text in them.
        expect(capture.lines.join('\n')).to.include(redactionMarker);

        const files = filesUnder(dataDir);
        const names = files.map((f) => f.slice(dataDir.length + 1));
        expect(names).to.include('feedback.jsonl');
        const channelFolder = dirname(transcriptFile(join(dataDir, 'transcripts'), 'test', 'case-1'));
        expect(files.some((f) => f.startsWith(channelFolder))).to.equal(true);
        expect(names.some((n) => n.endsWith('.mdb'))).to.equal(true);
        for (const file of files) {
            // latin1: every byte maps to one character, so binary (LMDB) files are searched too.
            expectNoSecret(file, readFileSync(file).toString('latin1'));
        }
        // The redacted words did reach each kind of file: the check above looked at real content.
        const transcript = files.filter((f) => f.startsWith(channelFolder)).map((f) => readFileSync(f, 'utf8')).join('\n');
        expect(transcript).to.include(redactionMarker);
        expect(readFileSync(join(dataDir, 'feedback.jsonl'), 'utf8')).to.include(redactionMarker);
        expect(files.filter((f) => f.endsWith('.mdb')).map((f) => readFileSync(f).toString('latin1')).join('')).to.include(redactionMarker);
    });
});
