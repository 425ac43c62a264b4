// Starts a Cosmos DB SQL API server (@vercel/cosmosdb-server, a Node implementation, from
// node_modules) on a free loopback port in a child process: for the storage tests and the cosmos
// benchmark. It speaks HTTPS only; the certificate it ships expired in 2021 and names no host, so
// each start generates a throw-away self-signed certificate for 127.0.0.1 with openssl, and the
// clients of the test trust exactly that certificate (NODE_EXTRA_CA_CERTS for a bot process, an
// https.Agent with `ca` inside the test process). Nothing in bot/storage relaxes TLS for it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningCosmos {
    port: number;
    endpoint: string;
    /** The emulator accepts any key (it checks no signature); this one is only well-formed. */
    key: string;
    /** PEM file of the certificate the server presents: NODE_EXTRA_CA_CERTS for bot processes. */
    certificateFile: string;
    /** Its private key, for a test server that must present the same certificate. */
    keyFile: string;
    /** An agent trusting that certificate, for clients inside the test process. */
    agent: Agent;
    stop(): Promise<void>;
}

export const EMULATOR_KEY = Buffer.from('cosmosdb-server test key: it checks no signature').toString('base64');

const serverScript = `
const { readFileSync } = require('node:fs');
const { createHttpsServer } = require(process.env.COSMOS_SERVER_MODULE);
const server = createHttpsServer({ key: readFileSync(process.env.COSMOS_KEY_FILE), cert: readFileSync(process.env.COSMOS_CERT_FILE), keepAlive: true });
server.listen(0, '127.0.0.1', () => console.log('cosmos listening on ' + server.address().port));
`;

function makeCertificate(dir: string): { keyFile: string; certFile: string } {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    try {
        execFileSync('openssl', [
            'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
            '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile
        ], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
        throw new Error(`openssl could not make the test certificate (${(err as Error).message.split('\n')[0]}); install openssl`);
    }
    return { keyFile, certFile };
}

/** Resolves once the server listens; rejects with the reason it could not start. */
export async function startCosmosServer(timeoutMs = 20_000): Promise<RunningCosmos> {
    let serverModule: string;
    try {
        serverModule = require.resolve('@vercel/cosmosdb-server');
    } catch {
        throw new Error('the @vercel/cosmosdb-server package is not installed (npm install)');
    }
    const dir = mkdtempSync(join(tmpdir(), 'cosmos-'));
    let certificate: { keyFile: string; certFile: string };
    try {
        certificate = makeCertificate(dir);
    } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
    }
    const child: ChildProcess = spawn(process.execPath, ['-e', serverScript], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', COSMOS_SERVER_MODULE: serverModule, COSMOS_KEY_FILE: certificate.keyFile, COSMOS_CERT_FILE: certificate.certFile },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    const agent = new Agent({ ca: readFileSync(certificate.certFile), keepAlive: true });

    const stop = () =>
        new Promise<void>((resolve) => {
            const done = () => {
                agent.destroy();
                rmSync(dir, { recursive: true, force: true });
                resolve();
            };
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        });

    return new Promise<RunningCosmos>((resolve, reject) => {
        let settled = false;
        const fail = (reason: string) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            void stop().then(() => reject(new Error(`${reason}${output ? `; the server said: ${output.trim().slice(-500)}` : ''}`)));
        };
        const timer = setTimeout(() => fail(`the Cosmos DB server did not listen within ${timeoutMs} ms`), timeoutMs);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = /cosmos listening on (\d+)/.exec(output);
            if (match && !settled) {
                settled = true;
                clearTimeout(timer);
                child.stdout?.off('data', onData);
                child.stdout?.resume();
                const port = Number(match[1]);
                resolve({ port, endpoint: `https://127.0.0.1:${port}/`, key: EMULATOR_KEY, certificateFile: certificate.certFile, keyFile: certificate.keyFile, agent, stop });
            }
        };
        child.stdout?.on('data', onData);
        // It logs every failed request's error to stderr; keep only the tail for a start failure.
        child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
        child.once('error', (err) => fail(`the Cosmos DB server could not be started: ${err.message}`));
        child.once('exit', (code, signal) => fail(`the Cosmos DB server exited before listening (code ${code}, signal ${signal})`));
    });
}
