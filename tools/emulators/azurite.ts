// Starts Azurite's blob service (Microsoft's storage emulator, from node_modules) on a free
// loopback port with in-memory persistence: for the storage tests and the blobs benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitForEmulator } from './emulatorProcess';

export interface RunningAzurite {
    port: number;
    connectionString: string;
    /** https://127.0.0.1:<port>/devstoreaccount1 when started with `tls` (for BLOB_ACCOUNT_URL). */
    accountUrl: string;
    stop(): Promise<void>;
}

export interface AzuriteOptions {
    /**
     * Serve HTTPS with this certificate and accept Entra ID bearer tokens (`--oauth basic`: the
     * token's issuer, audience and times are checked, its signature is not), as a storage account
     * reached with a managed identity is.
     */
    tls?: { certFile: string; keyFile: string };
}

// Azurite's documented development account: public, and accepted by the emulator only.
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number): string {
    return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
}

/** Resolves once Azurite listens; rejects with the reason it could not start. */
export async function startAzurite(timeoutMs = 20_000, options: AzuriteOptions = {}): Promise<RunningAzurite> {
    let main: string;
    try {
        main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
    } catch {
        throw new Error('the azurite package is not installed (npm install)');
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
        '--disableTelemetry',
        ...(options.tls ? ['--cert', options.tls.certFile, '--key', options.tls.keyFile, '--oauth', 'basic'] : [])
    ];
    const child: ChildProcess = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const { port, stop } = await waitForEmulator(child, { name: 'Azurite', listening: /listens on https?:\/\/127\.0\.0\.1:(\d+)/, timeoutMs, cleanUp: () => rmSync(cwd, { recursive: true, force: true }) });
    return { port, connectionString: azuriteConnectionString(port), accountUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/${ACCOUNT}`, stop };
}
