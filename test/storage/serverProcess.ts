// Starts the bot as a real process (`tsx bot/index.ts`) on a free port, as `npm start` would,
// so tests can kill it with SIGKILL or run two of them on one store.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface BotProcess {
    url: string;
    child: ChildProcess;
    kill(signal?: NodeJS.Signals): Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
    const port = await freePort();
    const root = join(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(root, 'bot', 'index.ts')], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe']
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const until = Date.now() + timeoutMs;
    for (;;) {
        if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}: ${stderr}`);
        const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        if (Date.now() > until) {
            child.kill('SIGKILL');
            throw new Error(`the bot did not become ready in ${timeoutMs} ms: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return {
        url,
        child,
        kill: (signal = 'SIGTERM') =>
            new Promise((resolve) => {
                if (child.exitCode !== null || child.signalCode !== null) return resolve();
                child.once('exit', () => resolve());
                child.kill(signal);
            })
    };
}
