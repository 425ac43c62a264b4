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
import { waitForEmulator } from './emulatorProcess';

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

/** A self-signed certificate for 127.0.0.1 in dir, for test servers a child process trusts through NODE_EXTRA_CA_CERTS. */
export function makeCertificate(dir: string): { keyFile: string; certFile: string } {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    try {
        execFileSync('openssl', [
            'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
            '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile
        ], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
        throw new Error(`openssl could not make the test certificate (${(err as Error).message.split('\n')[0]}); install openssl`, { cause: err });
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
    const agent = new Agent({ ca: readFileSync(certificate.certFile), keepAlive: true });
    const { port, stop } = await waitForEmulator(child, {
        name: 'the Cosmos DB server',
        listening: /cosmos listening on (\d+)/,
        timeoutMs,
        cleanUp: () => {
            agent.destroy();
            rmSync(dir, { recursive: true, force: true });
        }
    });
    return { port, endpoint: `https://127.0.0.1:${port}/`, key: EMULATOR_KEY, certificateFile: certificate.certFile, keyFile: certificate.keyFile, agent, stop };
}
