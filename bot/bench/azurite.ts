// Starts Azurite's blob service (Microsoft's storage emulator, from node_modules) on a free
// loopback port with in-memory persistence: for the storage tests and the blobs benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RunningAzurite {
    port: number;
    connectionString: string;
    stop(): Promise<void>;
}

// Azurite's documented development account: public, and accepted by the emulator only.
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number): string {
    return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
}

/** Resolves once Azurite listens; rejects with the reason it could not start. */
export function startAzurite(timeoutMs = 20_000): Promise<RunningAzurite> {
    let main: string;
    try {
        main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
    } catch {
        return Promise.reject(new Error('the azurite package is not installed (npm install)'));
    }
    const cwd = mkdtempSync(join(tmpdir(), 'azurite-'));
    const args = [
        main,
        '--inMemoryPersistence',
        '--extentMemoryLimit', '64',
        '--blobHost', '127.0.0.1',
        '--blobPort', '0',
        '--silent',
        '--loose',
        '--skipApiVersionCheck',
        // Otherwise Azurite sends usage telemetry to an Azure endpoint.
        '--disableTelemetry'
    ];
    const child: ChildProcess = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';

    const stop = () =>
        new Promise<void>((resolve) => {
            const done = () => {
                rmSync(cwd, { recursive: true, force: true });
                resolve();
            };
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        });

    return new Promise<RunningAzurite>((resolve, reject) => {
        let settled = false;
        const fail = (reason: string) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            void stop().then(() => reject(new Error(`${reason}${output ? `; Azurite said: ${output.trim().slice(-500)}` : ''}`)));
        };
        const timer = setTimeout(() => fail(`Azurite did not listen within ${timeoutMs} ms`), timeoutMs);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
            if (match && !settled) {
                settled = true;
                clearTimeout(timer);
                child.stdout?.off('data', onData);
                // Keep draining so a chatty emulator never blocks on a full pipe.
                child.stdout?.resume();
                const port = Number(match[1]);
                resolve({ port, connectionString: azuriteConnectionString(port), stop });
            }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('error', (err) => fail(`Azurite could not be started: ${err.message}`));
        child.once('exit', (code, signal) => fail(`Azurite exited before listening (code ${code}, signal ${signal})`));
    });
}
