// Blob Storage and Cosmos DB without keys: BLOB_ACCOUNT_URL, or COSMOS_ENDPOINT without
// COSMOS_KEY, sign in with a TokenCredential (the managed identity on App Service).
//
// Entra ID cannot issue tokens on this machine, so these tests hand the stores a fake
// TokenCredential, and use it ONLY to show which path the bot takes: the Cosmos DB server accepts
// any token (as it accepts any key), and for Blob Storage a credential that refuses shows that the
// bot asked it, for Storage's scope, instead of reaching for a key.
// Beyond that, the real bot process signs in to Azurite (HTTPS, --oauth basic) with the real
// DefaultAzureCredential, through App Service's managed-identity protocol (IDENTITY_ENDPOINT and
// IDENTITY_HEADER): only the token issuer behind that endpoint is a stand-in, minting unsigned
// tokens, since Azurite checks a token's issuer, audience and times but not its signature.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { ConfigError, loadConfig } from '../../bot/config';
import { blobAccess } from '../../bot/storage/blobAccess';
import { createStorage } from '../../bot/storage/createStorage';
import { describeCosmosFailure, prepareCosmosContainer } from '../../bot/storage/cosmosStartup';
import { CosmosStorage, cosmosOptions } from '../../bot/storage/cosmosStore';
import { createTranscriptStore } from '../../bot/transcripts/createTranscriptStore';
import { startAzurite, type RunningAzurite } from '../../tools/emulators/azurite';
import { makeCertificate } from '../../tools/emulators/cosmosServer';
import { startBotProcess } from './serverProcess';
import { useCosmos } from './useCosmos';

class RecordingCredential implements TokenCredential {
    readonly scopes: string[] = [];
    constructor(private readonly refuse?: string) {}
    getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
        this.scopes.push(...[scopes].flat());
        if (this.refuse) return Promise.reject(new Error(this.refuse));
        return Promise.resolve({ token: 'fake-token-for-the-emulator', expiresOnTimestamp: Date.now() + 3_600_000 });
    }
}

function problems(env: Record<string, string>): string[] {
    try {
        loadConfig(env);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    return [];
}

describe('managed identity for the stores', function () {
    this.timeout(60_000);

    describe('configuration: exactly one way into each store', () => {
        it('refuses a blob account URL together with a connection string, saying which to keep', () => {
            const found = problems({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_ACCOUNT_URL: 'https://acct.blob.core.windows.net', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
            expect(found).to.deep.equal([
                'BLOB_ACCOUNT_URL: and BLOB_CONNECTION_STRING are both set: keep BLOB_ACCOUNT_URL to sign in with the managed identity, or BLOB_CONNECTION_STRING to use the account key (Azurite)'
            ]);
        });

        it('takes the account URL only over https (the SDK sends no token over http)', () => {
            expect(problems({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_ACCOUNT_URL: 'http://127.0.0.1:10000/devstoreaccount1' })).to.deep.equal([
                'BLOB_ACCOUNT_URL: must be an https URL such as https://<account>.blob.core.windows.net'
            ]);
        });

        it('chooses the credential when no key is given, and the key when it is', () => {
            const credential = new RecordingCredential();
            const identity = loadConfig({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_ACCOUNT_URL: 'https://acct.blob.core.windows.net/' });
            expect(blobAccess(identity, credential)).to.deep.equal({ accountUrl: 'https://acct.blob.core.windows.net', credential });
            expect(blobAccess(loadConfig({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' }))).to.deep.equal({
                connectionString: 'UseDevelopmentStorage=true'
            });
            const cosmos = { STORAGE: 'cosmos', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_DATABASE: 'd', COSMOS_CONTAINER: 'c' };
            expect(cosmosOptions(loadConfig(cosmos), credential)).to.deep.equal({ cosmosDbEndpoint: cosmos.COSMOS_ENDPOINT, databaseId: 'd', containerId: 'c', tokenCredential: credential });
            expect(cosmosOptions(loadConfig({ ...cosmos, COSMOS_KEY: 'a2V5' }), credential)).to.not.have.property('tokenCredential');
        });
    });

    describe('Blob Storage with BLOB_ACCOUNT_URL', () => {
        it('asks the credential for a Storage token at start, and stops with its error when it has none', async () => {
            const credential = new RecordingCredential('no managed identity here');
            const config = loadConfig({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_ACCOUNT_URL: 'https://127.0.0.1:1/acct' });
            const error = await createStorage(config, { credential }).then(() => undefined, (err: Error) => err);
            expect(error?.message).to.equal('STORAGE=blobs: the store could not be reached at start: no managed identity here');
            expect(credential.scopes).to.include('https://storage.azure.com/.default');
        });

        it('the transcripts beside the state use the same credential', async () => {
            const credential = new RecordingCredential('no managed identity here');
            const config = loadConfig({ STORAGE: 'blobs', BLOB_CONTAINER: 'bot', BLOB_ACCOUNT_URL: 'https://127.0.0.1:1/acct' });
            const { store, where } = createTranscriptStore(config, credential);
            expect(where).to.equal('blob container bot-transcripts');
            const error = await store!.listTranscripts('webchat').then(() => undefined, (err: Error) => err);
            expect(error?.message).to.equal('no managed identity here');
            expect(credential.scopes).to.include('https://storage.azure.com/.default');
        });
    });

    describe('Cosmos DB without COSMOS_KEY (on @vercel/cosmosdb-server, which accepts any token)', () => {
        const cosmos = useCosmos('the Cosmos DB managed-identity suite');

        it('creates the container, then writes and reads state with the token the credential gives', async () => {
            const credential = new RecordingCredential();
            const config = loadConfig({ STORAGE: 'cosmos', COSMOS_ENDPOINT: cosmos().endpoint, COSMOS_DATABASE: 'identity', COSMOS_CONTAINER: 'state' });
            const options = { ...cosmosOptions(config, credential), cosmosClientOptions: { agent: cosmos().agent } };
            await prepareCosmosContainer(options);
            const storage = new CosmosStorage(options);
            await storage.write({ 'conversation/1': { step: 'asked' } });
            expect((await storage.read(['conversation/1']))['conversation/1']).to.include({ step: 'asked' });
            expect(credential.scopes.length, 'the credential was asked for a token').to.be.greaterThan(0);
        });

        it('a refused identity is answered with the data role to check, not with COSMOS_KEY', () => {
            const refused = Object.assign(new Error('Request blocked by Auth acct : principal does not have required RBAC permissions'), { code: 403 });
            const where = { endpoint: 'https://acct.documents.azure.com:443/', database: 'd', container: 'c' };
            expect(describeCosmosFailure(refused, { ...where, identity: true })).to.contain('Cosmos DB Built-in Data Contributor').and.not.contain('COSMOS_KEY to');
            expect(describeCosmosFailure(refused, where)).to.contain('use a read-write key in COSMOS_KEY');
        });
    });

    describe('the bot process on Azurite over HTTPS with Entra ID tokens (BLOB_ACCOUNT_URL, App Service identity protocol)', () => {
        let dir: string;
        let certFile: string;
        let azurite: RunningAzurite | undefined;
        let identity: { server: Server; url: string; requests: string[] } | undefined;

        before(async function () {
            dir = mkdtempSync(join(tmpdir(), 'identity-'));
            try {
                const certificate = makeCertificate(dir);
                certFile = certificate.certFile;
                azurite = await startAzurite(20_000, { tls: certificate });
            } catch (err) {
                console.warn(`      managed-identity blob suite pending: ${(err as Error).message}`);
                this.skip();
            }
        });

        afterEach(() => identity?.server.close());

        after(async () => {
            await azurite?.stop();
            rmSync(dir, { recursive: true, force: true });
        });

        /** App Service's local token endpoint, as ManagedIdentityCredential calls it, issuing tokens for `audience`. */
        function identityEndpoint(header: string, audience: string): Promise<{ server: Server; url: string; requests: string[] }> {
            const requests: string[] = [];
            const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
            const server = createServer((req, res) => {
                requests.push(`${req.url} header=${req.headers['x-identity-header'] === header}`);
                const now = Math.floor(Date.now() / 1000);
                const claims = { aud: audience, iss: `https://sts.windows.net/${randomUUID()}/`, nbf: now - 60, iat: now - 60, exp: now + 3600, oid: randomUUID() };
                const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
                res.writeHead(200, { 'Content-Type': 'application/json' });
                res.end(JSON.stringify({ access_token: token, expires_on: String(now + 3600), resource: audience, token_type: 'Bearer' }));
            });
            return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`, requests })));
        }

        const botEnv = (endpoint: string, header: string) => ({
            STORAGE: 'blobs',
            BLOB_ACCOUNT_URL: azurite!.accountUrl,
            BLOB_CONTAINER: `identity-${randomUUID().slice(0, 8)}`,
            IDENTITY_ENDPOINT: endpoint,
            IDENTITY_HEADER: header,
            NODE_EXTRA_CA_CERTS: certFile
        });

        it('starts and keeps conversation state with the token the identity gives, never a key', async () => {
            const header = randomUUID();
            identity = await identityEndpoint(header, 'https://storage.azure.com');
            const bot = await startBotProcess(botEnv(identity.url, header), 60_000);
            try {
                const conversation = { id: randomUUID() };
                for (const text of ['hi', 'my code is not accepted']) {
                    const res = await fetch(`${bot.url}/api/messages`, {
                        method: 'POST',
                        headers: { 'Content-Type': 'application/json' },
                        body: JSON.stringify({
                            type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://localhost:55123', deliveryMode: 'expectReplies',
                            from: { id: 'user-identity' }, recipient: { id: 'bot' }, conversation, timestamp: new Date().toISOString()
                        })
                    });
                    expect(res.status, await res.clone().text()).to.equal(200);
                    expect(((await res.json()) as { activities: unknown[] }).activities).to.not.be.empty;
                }
            } finally {
                await bot.kill();
            }
            expect(identity.requests.length).to.be.greaterThan(0);
            expect(identity.requests.every((r) => r.includes('resource=https%3A%2F%2Fstorage.azure.com') && r.endsWith('header=true')), identity.requests.join('\n')).to.equal(true);
        });

        it('refuses to start, saying so, when the storage account rejects the identity\'s token', async () => {
            const header = randomUUID();
            identity = await identityEndpoint(header, 'https://vault.azure.net');
            const error = await startBotProcess(botEnv(identity.url, header), 60_000).then(
                async (bot) => {
                    await bot.kill();
                    return '';
                },
                (err: Error) => err.message
            );
            expect(error).to.match(/the bot exited with 1: [^]*STORAGE=blobs: the store could not be reached at start: /);
        });
    });
});
