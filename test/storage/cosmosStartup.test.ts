// STORAGE=cosmos at start, through the real bot process as an operator runs it: an empty account is
// set up, and each way the account can be unusable gets one line naming the endpoint, the database
// and the container and saying what to do, with no stack trace at LOG_LEVEL=info.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import { readable, send } from '../handoff/botClient';
import { startBotProcess } from './serverProcess';
import { cosmosEnv, useCosmos } from './useCosmos';
import type { RunningCosmos } from '../../tools/emulators/cosmosServer';

const serviceUrl = 'http://127.0.0.1:9';

/** What the bot printed when it refused to start (it must not start). */
async function startFailure(env: Record<string, string>): Promise<string[]> {
    const bot = await startBotProcess({ LOG_LEVEL: 'info', ...env }).catch((err: Error) => err);
    if (!(bot instanceof Error)) {
        await bot.kill('SIGKILL');
        throw new Error('expected the bot to refuse to start');
    }
    const stderr = bot.message.replace(/^the bot exited with 1: /, '');
    // Node's own deprecation notices (restify's DEP0111) are not the bot's output.
    return stderr.split('\n').filter((l) => l.trim() && !l.startsWith('(node:') && !l.startsWith('(Use `node'));
}

/**
 * A fake only for what the emulator cannot do: it accepts any key and has no read-only keys, so
 * this proxy in front of it answers chosen requests as Azure Cosmos DB does and passes the rest on.
 */
function proxy(
    cosmos: RunningCosmos,
    answer: (method: string, path: string) => { status: number; body: object } | undefined
): Promise<{ endpoint: string; close(): Promise<void> }> {
    const server: Server = createServer({ key: readFileSync(cosmos.keyFile), cert: readFileSync(cosmos.certificateFile) }, (req, res) => {
        const fake = answer(req.method ?? 'GET', req.url ?? '/');
        if (fake) {
            res.writeHead(fake.status, { 'content-type': 'application/json', 'x-ms-activity-id': '00000000-0000-0000-0000-000000000000' });
            res.end(JSON.stringify(fake.body));
            return;
        }
        const upstream = request({ host: '127.0.0.1', port: cosmos.port, method: req.method, path: req.url, headers: req.headers, agent: cosmos.agent }, (up) => {
            if (req.url !== '/') {
                res.writeHead(up.statusCode ?? 502, up.headers);
                up.pipe(res);
                return;
            }
            // The account document names the endpoints the SDK moves to: keep it on the proxy.
            let body = '';
            up.on('data', (chunk: Buffer) => (body += chunk.toString()));
            up.on('end', () => {
                const { 'content-length': _length, ...headers } = up.headers;
                res.writeHead(up.statusCode ?? 502, headers);
                res.end(body.replaceAll(`127.0.0.1:${cosmos.port}`, `127.0.0.1:${(server.address() as { port: number }).port}`));
            });
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
    });
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as { port: number };
            resolve({ endpoint: `https://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
        })
    );
}

describe('STORAGE=cosmos at start (@vercel/cosmosdb-server)', function () {
    this.timeout(60_000);
    const cosmos = useCosmos('the Cosmos DB start-up suite');
    const client = () => new CosmosClient({ endpoint: cosmos().endpoint, key: cosmos().key, agent: cosmos().agent });

    it('on an empty account creates the database and the container partitioned on /id, and the bot answers', async () => {
        const bot = await startBotProcess(cosmosEnv(cosmos(), 'empty-account', 'state'));
        try {
            const reply = readable(await send(bot.url, serviceUrl, { conversationId: 'first', userId: 'p' }, 'my security code keeps getting rejected'));
            expect(reply).to.not.equal('');
            const { resource } = await client().database('empty-account').container('state').read();
            expect(resource?.partitionKey?.paths).to.deep.equal(['/id']);
        } finally {
            await bot.kill('SIGKILL');
        }
    });

    it('an unreachable endpoint: one line naming endpoint, database and container, no stack', async () => {
        const env = { ...cosmosEnv(cosmos(), 'bot', 'state'), COSMOS_ENDPOINT: 'https://127.0.0.1:1/' };
        const lines = await startFailure(env);
        expect(lines).to.have.length(1);
        expect(lines[0]).to.contain('https://127.0.0.1:1/').and.contain('"bot"').and.contain('"state"').and.contain('cannot be reached (ECONNREFUSED)');
    });

    it('a certificate this host does not trust: one line pointing at NODE_EXTRA_CA_CERTS (the emulator’s is self-signed; Azure’s is trusted)', async () => {
        const { NODE_EXTRA_CA_CERTS: _trusted, ...env } = cosmosEnv(cosmos(), 'bot', 'state');
        const lines = await startFailure(env);
        expect(lines).to.have.length(1);
        expect(lines[0]).to.contain(cosmos().endpoint).and.contain('not trusted').and.contain('NODE_EXTRA_CA_CERTS');
    });

    it('a wrong key (Azure’s 401, from a fake: the emulator accepts any key): its own line saying to set COSMOS_KEY', async () => {
        const fake = await proxy(cosmos(), () => ({
            status: 401,
            body: { code: 'Unauthorized', message: "The input authorization token can't serve the request. The wrong key is being used." }
        }));
        try {
            const lines = await startFailure({ ...cosmosEnv(cosmos(), 'bot', 'state'), COSMOS_ENDPOINT: fake.endpoint });
            expect(lines).to.have.length(1);
            expect(lines[0]).to.contain(fake.endpoint).and.contain('"bot"').and.contain('"state"').and.contain('401').and.contain('Set COSMOS_KEY');
        } finally {
            await fake.close();
        }
    });

    it('a missing database and a key that may not create it (a fake 403 to creation): the az command that creates it', async () => {
        const fake = await proxy(cosmos(), (method) =>
            method === 'POST' ? { status: 403, body: { code: 'Forbidden', message: 'Request blocked by Auth: the key is read-only.' } } : undefined
        );
        try {
            const lines = await startFailure({ ...cosmosEnv(cosmos(), 'never-made', 'state'), COSMOS_ENDPOINT: fake.endpoint });
            expect(lines).to.have.length(1);
            expect(lines[0]).to.contain(fake.endpoint).and.contain('the database "never-made" does not exist');
            expect(lines[0]).to.contain('az cosmosdb sql database create').and.contain('--partition-key-path /id');
        } finally {
            await fake.close();
        }
    });

    it('a container partitioned on another key: one line saying botbuilder needs /id', async () => {
        const { database } = await client().databases.createIfNotExists({ id: 'other-key' });
        await database.containers.createIfNotExists({ id: 'state', partitionKey: { paths: ['/tenant'] } });
        const lines = await startFailure(cosmosEnv(cosmos(), 'other-key', 'state'));
        expect(lines).to.have.length(1);
        expect(lines[0]).to.contain('partitioned on /tenant').and.contain('needs /id');
    });
});
