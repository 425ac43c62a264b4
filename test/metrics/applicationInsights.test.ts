// Application Insights on the real bot process: APPLICATIONINSIGHTS_CONNECTION_STRING points the
// Azure Monitor exporter at a local capture server (IngestionEndpoint=...), the test holds a
// conversation, and everything the exporter sends is read back: request telemetry and the bot's
// own counters arrive, and the Blob Storage calls that carry the (redacted) transcript as
// dependencies; no message text, no security code and no query string does.
//
// The exporter rewrites an http:// ingestion endpoint to https:// (connectionStringParser's
// sanitizeUrl), so the capture server speaks TLS with a throw-away certificate that the bot
// process trusts through NODE_EXTRA_CA_CERTS, as it would trust a corporate proxy's.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startAzurite, type RunningAzurite } from '../../tools/emulators/azurite';
import { makeCertificate } from '../../tools/emulators/cosmosServer';
import { startBotProcess, type BotProcess } from '../storage/serverProcess';

interface Capture {
    server: Server;
    port: number;
    /** Every body received, decompressed, as text. */
    bodies: string[];
    paths: string[];
}

function startCapture(keyFile: string, certFile: string): Promise<Capture> {
    const capture = { bodies: [] as string[], paths: [] as string[] };
    const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            const raw = Buffer.concat(chunks);
            const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
            capture.paths.push(`${req.method} ${req.url}`);
            capture.bodies.push(text);
            const items = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]).length : text.split('\n').filter(Boolean).length;
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }));
        });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ ...capture, server, port: (server.address() as AddressInfo).port })));
}

interface Envelope {
    name: string;
    data?: { baseType?: string; baseData?: { name?: string; url?: string; responseCode?: string; metrics?: { name: string; value: number }[] } };
}

const envelopes = (capture: Capture): Envelope[] =>
    capture.bodies.flatMap((b) => (b.trim().startsWith('[') ? (JSON.parse(b) as Envelope[]) : b.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope)));

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

describe('Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING)', function () {
    this.timeout(120_000);
    let dir: string;
    let capture: Capture;
    let bot: BotProcess | undefined;
    let azurite: RunningAzurite | undefined;

    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'appinsights-'));
        const { keyFile, certFile } = makeCertificate(dir);
        capture = await startCapture(keyFile, certFile);
        // State and transcripts in Azurite, so turns make dependency calls whose bodies hold the text.
        azurite = await startAzurite();
        bot = await startBotProcess({
            STORAGE: 'blobs',
            BLOB_CONNECTION_STRING: azurite.connectionString,
            BLOB_CONTAINER: 'telemetry',
            APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${randomUUID()};IngestionEndpoint=http://127.0.0.1:${capture.port}/`,
            NODE_EXTRA_CA_CERTS: certFile,
            // The bot's counters every second instead of every minute, and every trace instead of the
            // distribution's default of at most 5 a second (which drops some of a quick burst at random);
            // statsbeat would call Microsoft.
            OTEL_METRIC_EXPORT_INTERVAL: '1000',
            OTEL_TRACES_SAMPLER: 'always_on',
            APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true'
        });
    });

    after(async () => {
        await bot?.kill('SIGKILL');
        capture?.server.close();
        await azurite?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it('sends requests, dependencies and the bot\'s counters, and no message text, security code or query string', async () => {
        const conversation = { id: randomUUID() };
        const messages = ['hello, the pineapple assistant please', 'my security code 739146 is not accepted', 'it says marmalade error on the phone'];
        for (const text of messages) {
            const res = await fetch(`${bot!.url}/api/messages`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({
                    type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://localhost:55123', deliveryMode: 'expectReplies',
                    from: { id: 'user-telemetry', name: 'Tess' }, recipient: { id: 'bot', name: 'Bot' }, conversation, timestamp: new Date().toISOString()
                })
            });
            expect(res.status).to.equal(200);
        }
        expect((await fetch(`${bot!.url}/privacy?token=QUERYSECRET42`)).status).to.equal(200);

        await until('request telemetry for POST /api/messages and GET /privacy', () => {
            const requests = envelopes(capture).filter((e) => e.data?.baseType === 'RequestData');
            return requests.some((r) => /\/api\/messages$/.test(r.data!.baseData!.url ?? '')) && requests.some((r) => /\/privacy(\?|$)/.test(r.data!.baseData!.url ?? ''));
        });
        await until('dependency telemetry for Blob Storage', () => envelopes(capture).some((e) => e.data?.baseType === 'RemoteDependencyData'));
        await until('the bot\'s turn counter', () => JSON.stringify(envelopes(capture)).includes('bot_turns_total'));
        // SIGTERM flushes what is still buffered, as App Service's stop does.
        await bot!.kill('SIGTERM');

        const requests = envelopes(capture).filter((e) => e.data?.baseType === 'RequestData').map((e) => `${e.data!.baseData!.name} ${e.data!.baseData!.responseCode}`);
        expect(requests).to.include('POST /api/messages 200');
        const everything = capture.bodies.join('\n');
        for (const secret of ['pineapple', '739146', 'marmalade', 'QUERYSECRET42', 'Tess']) expect(everything, `"${secret}" reached Application Insights`).to.not.contain(secret);
        expect(capture.paths.every((p) => p.startsWith('POST /v2.1/track'))).to.equal(true);
    });

    it('costs nothing when the connection string is unset: the distribution is not even loaded', () => {
        const script = "require('./bot/telemetry/startTelemetry').startTelemetry({}); require('./bot/startBot');" +
            "console.log(Object.keys(require.cache).filter((k) => /@azure[\\/]monitor-opentelemetry|@opentelemetry[\\/]sdk/.test(k)).length)";
        const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout.trim()).to.equal('0');
    });
});
