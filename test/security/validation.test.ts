// Issue 7.3: what reaches the adapter is checked first. Malformed JSON, other content types,
// missing or mistyped fields and oversized bodies get a 4xx with a JSON message naming the
// problem; an over-long message is cut to MAX_TEXT_LENGTH and the person is told.
import { request } from 'node:http';
import { expect } from 'chai';
import { cutText } from '../../bot/middleware/truncateLongText';
import { activity, captureLog, knowledge, post, repliesOf, startSecuredBot, visible, type SecuredBot } from './securedBot';

describe('input validation', function () {
    this.timeout(30_000);
    let bot: SecuredBot;
    const capture = captureLog('debug');
    before(async () => {
        bot = await startSecuredBot({ MAX_BODY_BYTES: '4096', MAX_TEXT_LENGTH: '100', LOG_LEVEL: 'debug' }, capture.log);
    });
    after(() => bot?.stop());

    function expectJsonError(reply: Awaited<ReturnType<typeof post>>, status: number, message?: RegExp) {
        expect(reply.status, reply.text).to.equal(status);
        expect(reply.headers.get('content-type')).to.match(/application\/json/);
        expect(reply.json).to.be.an('object').with.property('message').that.is.a('string');
        if (message) expect((reply.json as { message: string }).message).to.match(message);
    }

    it('answers malformed JSON with 400', async () => {
        expectJsonError(await post(bot.url, '{"type": "message", '), 400, /JSON/);
    });

    it('answers a body that is not JSON with 415', async () => {
        expectJsonError(await post(bot.url, 'hello', { 'content-type': 'text/plain' }), 415, /application\/json/);
        expectJsonError(await post(bot.url, 'type=message', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
        expectJsonError(await post(bot.url, '<activity/>', { 'content-type': 'application/xml' }), 415);
    });

    it('answers a missing conversation with 400 naming the field', async () => {
        const a = activity('v', 'hi');
        delete a.conversation;
        expectJsonError(await post(bot.url, a), 400, /conversation: is required/);
    });

    it('answers wrong field types with 400 naming each field', async () => {
        expectJsonError(await post(bot.url, activity('v', 'hi', { conversation: { id: 42 } })), 400, /conversation\.id: must be a string/);
        expectJsonError(await post(bot.url, activity('v', 'hi', { text: ['a'] })), 400, /text: must be a string/);
        expectJsonError(await post(bot.url, activity('v', 'hi', { serviceUrl: 'not a url' })), 400, /serviceUrl: must be a URL/);
        expectJsonError(await post(bot.url, activity('v', 'hi', { type: 7, from: 'me' })), 400, /type: must be a string.*from: must be an object/);
        expectJsonError(await post(bot.url, [activity('v', 'hi')]), 400, /must be a JSON object/);
    });

    it('answers a body over MAX_BODY_BYTES with 413 in JSON (announced length: before reading it)', async () => {
        expectJsonError(await post(bot.url, activity('v', 'x'.repeat(5000))), 413, /exceeds 4096/);
    });

    it('answers a chunked body over MAX_BODY_BYTES with 413 in JSON (restify counts as it reads)', async () => {
        const url = new URL(bot.url);
        const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
            const req = request({ host: url.hostname, port: url.port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
                let body = '';
                res.on('data', (d: Buffer) => (body += d.toString()));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            });
            req.on('error', reject);
            const json = JSON.stringify(activity('v', 'y'.repeat(8000)));
            for (let i = 0; i < json.length; i += 1000) req.write(json.slice(i, i + 1000));
            req.end();
        });
        expect(result.status).to.equal(413);
        expect(JSON.parse(result.body)).to.have.property('code', 'PayloadTooLarge');
    });

    it('answers a compressed body with 415 (restify would inflate it without a limit)', async () => {
        expectJsonError(await post(bot.url, activity('v', 'hi'), { 'content-encoding': 'gzip' }), 415, /uncompressed/);
    });

    it('cuts an over-long message to MAX_TEXT_LENGTH and says so first, then answers as usual', async () => {
        const long = 'my security code is not accepted ' + 'and it keeps failing '.repeat(20);
        const reply = await post(bot.url, activity('long-text', long));
        expect(reply.status).to.equal(200);
        const messages = repliesOf(reply).filter((a) => a.type === 'message');
        expect(messages[0]?.text).to.equal(knowledge().replies.textTruncated.replace('{limit}', '100'));
        expect(messages.length).to.be.greaterThan(1);
        await bot.bot.transcripts.flush();
        const turn = capture.records().find((r) => r.msg === 'message turn text (redacted)' && r.conversationId === 'long-text');
        // The bot trims the text after the cut (SupportBot strips an @mention and trims).
        expect(turn?.text).to.equal(long.slice(0, 100).trim());
        const line = capture.records().find((r) => r.msg === 'message turn' && r.conversationId === 'long-text');
        expect(line).to.include({ truncated: true });
    });

    it('leaves a message at the limit alone', async () => {
        const reply = await post(bot.url, activity('short-text', 'my code is not accepted'.padEnd(100, '.')));
        expect(visible(reply)).not.to.include(knowledge().replies.textTruncated.split('{limit}')[0]);
    });

    it('never splits a character made of two UTF-16 units', () => {
        expect(cutText('ab😀cd', 3)).to.equal('ab😀');
        expect(cutText('😀😀😀', 2)).to.equal('😀😀');
        expect(cutText('short', 10)).to.equal('short');
    });
});
