// SIGTERM on the real entry point (bot/index.ts in its own process, run by tsx as `npm run dev`
// does): a request in flight finishes, /healthz turns 503 meanwhile, and the process exits 0.
//
// The turn is kept in flight honestly: the message is an ordinary Emulator-style activity (no
// expectReplies), so the bot posts its reply to the activity's serviceUrl, which is a small
// channel stand-in in this test that takes 0.8 s to answer each post.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';

const root = join(__dirname, '..', '..');

function slowChannel(delayMs: number): Promise<{ server: Server; url: string; received: string[] }> {
    const received: string[] = [];
    const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            received.push(`${req.method} ${req.url}`);
            setTimeout(() => {
                res.writeHead(200, { 'Content-Type': 'application/json' });
                res.end(JSON.stringify({ id: randomUUID() }));
            }, delayMs);
        });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })));
}

function startProcess(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(root, 'bot', 'index.ts')], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true' },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    return new Promise((resolve, reject) => {
        // Start-up trains two classifiers; on a loaded machine that has taken over 20 s. A bot that
        // never got ready is killed here, or it would keep mocha from exiting.
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the bot did not start in time:\n${output}`));
        }, 30_000);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = /Bot ready at (http:\/\/localhost:\d+)\/api\/messages/.exec(output);
            if (match) {
                clearTimeout(timer);
                resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), exited });
            }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`the bot exited with ${code} before it was ready:\n${output}`)));
    });
}

describe('HTTP: graceful shutdown', function () {
    this.timeout(60_000);
    let child: ChildProcess | undefined;
    let channel: Awaited<ReturnType<typeof slowChannel>> | undefined;

    after(() => {
        if (child && child.exitCode === null) child.kill('SIGKILL');
        channel?.server.close();
    });

    it('on SIGTERM, lets the running turn finish, then exits 0', async () => {
        channel = await slowChannel(800);
        const bot = await startProcess();
        child = bot.child;

        const inFlight = fetch(`${bot.url}/api/messages`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                type: 'message',
                id: randomUUID(),
                text: 'my security code keeps getting rejected',
                channelId: 'emulator',
                serviceUrl: channel.url,
                conversation: { id: randomUUID() },
                from: { id: 'user-1', name: 'User' },
                recipient: { id: 'bot', name: 'Bot' }
            })
        });
        // Wait until the bot is posting its reply (the turn is running), then ask it to stop.
        const deadline = Date.now() + 10_000;
        while (channel.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        expect(channel.received, 'the bot never posted its reply').to.have.length.greaterThan(0);
        child.kill('SIGTERM');

        await new Promise((r) => setTimeout(r, 200));
        const health = await fetch(`${bot.url}/healthz`).catch(() => undefined);
        if (health) expect(health.status, '/healthz while draining').to.equal(503);
        const response = await inFlight;
        expect(response.status).to.equal(200);
        expect(await bot.exited).to.equal(0);
        expect(channel.received[0]).to.match(/^POST \/v3\/conversations\/[^/]+\/activities\//);
    });
});
