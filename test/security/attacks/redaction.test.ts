// Issue 13 point 5 (redaction bypasses) and the lone-surrogate item of point 6, as an attacker or
// a careless customer would try them: the real server on a free port, real HTTP, the file store
// under a temporary DATA_DIR and debug logs captured. Each case looks for its own code, in the
// form it was typed and as plain digits, in every file written under DATA_DIR (transcripts and
// LMDB state), every log line and every reply body. Each failed on 9bc0b84.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileTranscriptStore } from '../../../bot/transcripts/fileTranscriptStore';
import { allActivities } from '../../../bot/transcripts/managedTranscriptStore';
import { activity, captureLog, knowledge, post, startSecuredBot, visible, type Reply } from '../securedBot';

function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

interface Case {
    name: string;
    /** The code as it was sent, and its digits. */
    typed: string;
    digits: string;
    /** The activity fields that carry it (merged into a message activity of its own conversation). */
    send: Record<string, unknown>;
    /** Typed by the person into the message: the bot must say it removed a code. */
    warns?: boolean;
}

const cases: Case[] = [
    { name: 'full-width digits', typed: '５８３７', digits: '5837', send: { text: 'my code is ５８３７' }, warns: true },
    { name: 'Arabic-Indic digits', typed: '٦٢٩٤', digits: '6294', send: { text: 'my pin is ٦٢٩٤' }, warns: true },
    { name: 'superscript digits', typed: '⁷³⁸²', digits: '7382', send: { text: 'the code ⁷³⁸² is rejected' }, warns: true },
    { name: 'digits joined by _', typed: '9_4_7_3', digits: '9473', send: { text: 'pin 9_4_7_3 does not work' }, warns: true },
    { name: 'digits joined by /', typed: '38/61', digits: '3861', send: { text: 'I typed 38/61 as the code' }, warns: true },
    { name: 'digits joined by ,', typed: '4,7,1,6', digits: '4716', send: { text: 'code 4,7,1,6 fails' }, warns: true },
    { name: 'digits joined by double spaces', typed: '52  83', digits: '5283', send: { text: 'my code 52  83 is wrong' }, warns: true },
    { name: 'digits split by zero-width spaces', typed: '8\u200b1\u200b9\u200b4', digits: '8194', send: { text: 'pin 8\u200b1\u200b9\u200b4 not accepted' }, warns: true },
    { name: 'a code in brackets', typed: '[6483]', digits: '6483', send: { text: 'my code [6483] is not accepted' }, warns: true },
    { name: 'digits spelled out next to PIN', typed: 'four nine three seven', digits: '4937', send: { text: 'my pin is four nine three seven' }, warns: true },
    { name: 'spelled with "double" and "oh"', typed: 'double seven oh two', digits: '7702', send: { text: 'my code is double seven oh two' }, warns: true },
    { name: 'an attachment content object', typed: 'my pin is 5291', digits: '5291', send: { text: 'see the card', attachments: [{ contentType: 'application/json', content: { note: 'my pin is 5291' } }] } },
    { name: 'an attachment name', typed: 'pin 6172', digits: '6172', send: { text: 'see the file', attachments: [{ contentType: 'text/plain', name: 'pin 6172.txt', content: 'notes' }] } },
    { name: 'channelData', typed: 'code 8364', digits: '8364', send: { text: 'hello', channelData: { note: 'my code 8364' } } },
    { name: 'entities', typed: 'pin 9427', digits: '9427', send: { text: 'hello', entities: [{ type: 'note', text: 'pin 9427' }] } },
    { name: 'from.name', typed: 'PIN 3816', digits: '3816', send: { text: 'hello', from: { id: 'user-from-name', name: 'PIN 3816' } } },
    { name: 'conversation.name', typed: 'code 5938', digits: '5938', send: { text: 'hello', conversation: { id: 'attack-conversation-name', name: 'code 5938' } } },
    { name: 'speak', typed: 'my pin is 4172', digits: '4172', send: { text: 'hello', speak: 'my pin is 4172' } },
    { name: 'summary', typed: 'code 6395', digits: '6395', send: { text: 'hello', summary: 'code 6395' } },
    { name: 'value when the client claims from.role "bot"', typed: 'my code is 7264', digits: '7264', send: { text: 'hello', from: { id: 'claims-bot', name: 'Person', role: 'bot' }, value: { answer: 'my code is 7264' } } },
    {
        name: 'membersAdded[].name',
        typed: 'code 2749',
        digits: '2749',
        send: { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'new-member', name: 'code 2749' }] }
    }
];

describe('attacks: security codes that slipped past redaction (issue 13.5)', function () {
    this.timeout(120_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'attack-redaction-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const capture = captureLog('debug');
    const replies = new Map<string, Reply>();
    let files: { path: string; bytes: Buffer }[] = [];
    const longMessage =
        'Hi, I have a 2021 BMW 330e and an M340i from 2019, and since app version 10.2.3 the security code is not accepted. It has 45,000 miles. Please call me on +44 7700 900123.';
    let surrogate: Reply;
    let afterSurrogate: Reply;

    before(async () => {
        const bot = await startSecuredBot({ STORAGE: 'file', DATA_DIR: dataDir, LOG_LEVEL: 'debug' }, capture.log);
        try {
            for (const [i, c] of cases.entries()) {
                const conversation = `attack-${i}`;
                const body = { ...activity(conversation, 'x'), ...c.send };
                if (body.text === undefined) delete body.text;
                const reply = await post(bot.url, body);
                expect(reply.status, `${c.name}: ${reply.text}`).to.equal(200);
                replies.set(c.name, reply);
            }
            replies.set('long message', await post(bot.url, activity('attack-long', longMessage)));
            surrogate = await post(bot.url, activity('conv-\ud800-lone', 'hello'));
            afterSurrogate = await post(bot.url, activity('conv-after-lone', 'hello'));
            await bot.bot.transcripts.flush();
        } finally {
            await bot.stop();
        }
        files = filesUnder(dataDir).map((path) => ({ path, bytes: readFileSync(path) }));
    });

    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

    /** Where the code (as typed, or as bounded ASCII digits) is found: file paths, "logs", "replies". */
    function whereFound(c: Case): string[] {
        const typed = Buffer.from(c.typed, 'utf8');
        const digits = new RegExp(`(?<![0-9a-z])${c.digits}(?![0-9a-z])`, 'i');
        // Random UUIDs (eTags, dialog instance ids) are written too, and their hex groups are
        // sometimes all digits ("-4937-"): they are taken out before the digits are looked for.
        const withoutUuids = (bytes: Buffer) => bytes.toString('latin1').replace(uuid, '');
        const found = (bytes: Buffer) => bytes.includes(typed) || digits.test(withoutUuids(bytes)) || bytes.toString('utf8').includes(JSON.stringify(c.typed).slice(1, -1));
        const where = files.filter((f) => found(f.bytes)).map((f) => f.path.slice(dataDir.length + 1));
        if (found(Buffer.from(capture.lines.join('\n'), 'utf8'))) where.push('logs');
        if ([...replies.values()].some((r) => found(Buffer.from(r.text, 'utf8')))) where.push('replies');
        return where;
    }

    it('wrote transcripts and state to look in (the search below searched something real)', () => {
        expect(files.some((f) => f.path.endsWith('.jsonl') && f.path.includes('transcripts'))).to.equal(true);
        expect(files.some((f) => f.path.endsWith('.mdb'))).to.equal(true);
        expect(capture.lines.join('\n')).to.include('[redacted code]');
    });

    for (const c of cases) {
        it(`${c.name}: the code is in no file, log line or reply${c.warns ? ', and the person is warned' : ''}`, () => {
            expect(whereFound(c), c.typed).to.deep.equal([]);
            if (c.warns) expect(visible(replies.get(c.name)!)).to.include(knowledge().replies.securityCodeWarning);
        });
    }

    it('the transcript says the person sent what they sent, whatever from.role claims', async () => {
        const store = new FileTranscriptStore(join(dataDir, 'transcripts'));
        const i = cases.findIndex((c) => c.name.startsWith('value when'));
        const logged = await allActivities(store, 'test', `attack-${i}`);
        const incoming = logged.filter((a) => a.from?.id === 'claims-bot');
        expect(incoming.length).to.equal(1);
        expect(incoming[0]!.from.role).to.equal('user');
        // The bot's own replies are recorded as the bot's.
        expect(logged.filter((a) => a.from?.role === 'bot').length).to.be.greaterThan(0);
    });

    it('a long message with model years, model names, a version, a mileage and a phone number keeps them all and warns no one', async () => {
        expect(visible(replies.get('long message')!)).not.to.include(knowledge().replies.securityCodeWarning);
        const store = new FileTranscriptStore(join(dataDir, 'transcripts'));
        const logged = await allActivities(store, 'test', 'attack-long');
        expect(logged.find((a) => a.from?.role === 'user')?.text).to.equal(longMessage);
    });

    it('a lone surrogate in conversation.id gets a 400 naming the field, and the server carries on', () => {
        expect(surrogate.status, surrogate.text).to.equal(400);
        expect(surrogate.json).to.deep.include({ code: 'InvalidActivity' });
        expect((surrogate.json as { message: string }).message).to.match(/conversation\.id: must be well-formed Unicode/);
        expect(afterSurrogate.status).to.equal(200);
        expect(capture.lines.join('\n')).not.to.match(/could not write an activity/);
    });
});
