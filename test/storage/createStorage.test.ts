import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ConfigError, loadConfig } from '../../bot/config';
import { createStorage } from '../../bot/storage/createStorage';
import { cosmosOptions, createCosmosStorage } from '../../bot/storage/cosmosStore';
import { LmdbStorage } from '../../bot/storage/lmdbStorage';
import { createTranscriptStore } from '../../bot/transcripts/createTranscriptStore';
import { useAzurite } from './useAzurite';

function configError(env: Record<string, string>): string {
    try {
        loadConfig(env);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as Error).message;
    }
    throw new Error('expected a ConfigError');
}

describe('createStorage', () => {
    it('STORAGE=memory gives botbuilder’s MemoryStorage', async () => {
        const store = await createStorage(loadConfig({ STORAGE: 'memory' }));
        expect(store.kind).to.equal('memory');
        expect(store.storage).to.be.instanceOf(MemoryStorage);
        await store.close();
    });

    it('STORAGE=file is the default: LMDB under DATA_DIR, which it creates', async () => {
        const root = mkdtempSync(join(tmpdir(), 'create-storage-'));
        try {
            const dataDir = join(root, 'not', 'there', 'yet');
            const store = await createStorage(loadConfig({ DATA_DIR: dataDir }));
            expect(store.kind).to.equal('file');
            expect(store.storage).to.be.instanceOf(LmdbStorage);
            await store.storage.write({ k: { v: 1 } });
            await store.close();
            expect(existsSync(join(dataDir, 'bot-state.mdb'))).to.equal(true);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });

    describe('STORAGE=blobs', () => {
        it('requires a way in (account URL or connection string) and the container', () => {
            const message = configError({ STORAGE: 'blobs' });
            expect(message).to.contain('BLOB_ACCOUNT_URL: (managed identity) or BLOB_CONNECTION_STRING (a key) is required when STORAGE=blobs');
            expect(message).to.contain('BLOB_CONTAINER: is required when STORAGE=blobs');
        });

        describe('against Azurite', function () {
            const azurite = useAzurite('the blobs createStorage suite');

            it('gives BlobsStorage and creates the container at start', async () => {
                const store = await createStorage(loadConfig({ STORAGE: 'blobs', BLOB_CONNECTION_STRING: azurite().connectionString, BLOB_CONTAINER: 'botstate' }));
                expect(store.kind).to.equal('blobs');
                expect(store.storage).to.be.instanceOf(BlobsStorage);
                await store.storage.write({ k: { v: 1 } });
                expect((await store.storage.read(['k'])).k.v).to.equal(1);
                await store.close();
            });

            it('stops the start with a clear error when the store cannot be reached', async function () {
                this.timeout(20_000);
                const closed = azurite().connectionString.replace(`:${azurite().port}/`, ':1/');
                let error: unknown;
                await createStorage(loadConfig({ STORAGE: 'blobs', BLOB_CONNECTION_STRING: closed, BLOB_CONTAINER: 'botstate' })).catch((err: unknown) => (error = err));
                expect((error as Error).message).to.match(/^STORAGE=blobs: the store could not be reached at start: /);
            });
        });
    });

    describe('STORAGE=cosmos (no network here: configuration and construction only)', () => {
        const cosmosEnv = {
            STORAGE: 'cosmos',
            COSMOS_ENDPOINT: 'https://127.0.0.1:1/',
            COSMOS_KEY: Buffer.from('not a real key, never sent anywhere').toString('base64'),
            COSMOS_DATABASE: 'bot',
            COSMOS_CONTAINER: 'state'
        };

        it('requires the endpoint, database and container (the key is optional: without it, the managed identity)', () => {
            const message = configError({ STORAGE: 'cosmos' });
            for (const key of ['COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'COSMOS_CONTAINER']) {
                expect(message).to.contain(`${key}: is required when STORAGE=cosmos`);
            }
            expect(message).to.not.contain('COSMOS_KEY');
        });

        it('in production requires the blob settings too, so the transcripts retention keeps are not silently off', () => {
            const production = { ...cosmosEnv, NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true' };
            const message = configError(production);
            expect(message).to.contain('BLOB_ACCOUNT_URL: (managed identity) or BLOB_CONNECTION_STRING (a key) is required in production when STORAGE=cosmos');
            expect(message).to.contain('BLOB_CONTAINER: is required in production when STORAGE=cosmos');
            const complete = loadConfig({ ...production, BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', BLOB_CONTAINER: 'bot' });
            expect(createTranscriptStore(complete).kind).to.equal('blobs');
            // Outside production the choice stays open: no transcripts, and the start-up line says so.
            const trial = createTranscriptStore(loadConfig(cosmosEnv));
            expect([trial.kind, trial.where]).to.deep.equal(['none', 'off: set BLOB_ACCOUNT_URL (or BLOB_CONNECTION_STRING) and BLOB_CONTAINER to keep transcripts (required when NODE_ENV=production)']);
        });

        it('maps the configuration onto CosmosDbPartitionedStorage’s options', () => {
            expect(cosmosOptions(loadConfig(cosmosEnv))).to.deep.equal({
                cosmosDbEndpoint: cosmosEnv.COSMOS_ENDPOINT,
                authKey: cosmosEnv.COSMOS_KEY,
                databaseId: 'bot',
                containerId: 'state'
            });
            expect(() => cosmosOptions({ COSMOS_ENDPOINT: undefined, COSMOS_KEY: 'k', COSMOS_DATABASE: 'd', COSMOS_CONTAINER: 'c' })).to.throw(/COSMOS_ENDPOINT/);
        });

        it('builds the store through the same path as createCosmosStorage, without connecting', async () => {
            const config = loadConfig(cosmosEnv);
            const store = await createStorage(config, { probe: false });
            expect(store.kind).to.equal('cosmos');
            expect(store.storage).to.be.instanceOf(CosmosDbPartitionedStorage);
            const direct = createCosmosStorage(config);
            // Both carry the options cosmosOptions made (compatibilityMode filled in by the constructor).
            const optionsOf = (s: unknown) => (s as { cosmosDbStorageOptions: object }).cosmosDbStorageOptions;
            expect(optionsOf(store.storage)).to.deep.equal(optionsOf(direct));
            expect(optionsOf(store.storage)).to.include({ ...cosmosOptions(config), compatibilityMode: true });
            await store.close();
        });
    });
});
