// Request targets restify 12 reads differently from restify 11, against the real server. The
// requests go over a raw socket: fetch and node:http refuse to send a malformed Host header.
import { connect } from 'node:net';
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from './botServer';

interface RawAnswer {
    status: number;
    body: { code?: string; message?: string };
}

function raw(url: string, requestLine: string, host: string): Promise<RawAnswer> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.end(`${requestLine} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('error', reject);
        socket.on('close', () => {
            const [head = '', body = ''] = text.split('\r\n\r\n');
            resolve({ status: Number(head.split(' ')[1] ?? 0), body: body ? (JSON.parse(body) as RawAnswer['body']) : {} });
        });
    });
}

describe('HTTP: request targets restify 12 parses as WHATWG URLs', function () {
    this.timeout(60_000);
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(() => bot?.stop());

    // restify/node-restify#2011: restify 12.0.0 throws from its router on these, which ends the process.
    // The absolute target ends restify 11 too (url.parse throws on its host): the bot on 9bc0b84 dies on it.
    for (const [what, requestLine, host] of [
        ['a Host with a space', 'POST /api/messages', 'a b'],
        ['a Host with a pipe', 'GET /healthz', 'foo|bar'],
        ['an absolute target with a broken host', 'GET http://[/healthz', '127.0.0.1']
    ] as const) {
        it(`answers ${what} with a 400 that says what to fix, and keeps serving`, async () => {
            const answer = await raw(bot.url, requestLine, host);
            expect(answer.status).to.equal(400);
            expect(answer.body.code).to.equal('BadRequest');
            expect(answer.body.message).to.match(/Host header or the request target/);
            const health = await fetch(`${bot.url}/healthz`);
            expect(health.status).to.equal(200);
        });
    }

    it('does not route dot segments (plain or percent-encoded) to POST /api/messages, as restify 11 did not', async () => {
        for (const path of ['/api/./messages', '/api/%2e/messages', '/api/x/../messages', '/api/x/%2E%2e/messages', '/api\\x\\..\\messages']) {
            const answer = await raw(bot.url, `POST ${path}`, '127.0.0.1');
            expect(answer.status, path).to.equal(404);
            expect(answer.body.code, path).to.equal('ResourceNotFound');
        }
    });
});
