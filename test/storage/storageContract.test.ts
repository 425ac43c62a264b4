import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { CosmosStorage, cosmosOptions } from '../../bot/storage/cosmosStore';
import { prepareCosmosContainer } from '../../bot/storage/cosmosStartup';
import { LmdbStorage } from '../../bot/storage/lmdbStorage';
import { useCosmos } from './useCosmos';
import { useAzurite } from './useAzurite';
import { storageContract } from './storageContract';

describe('storage contract', () => {
    describe('memory (botbuilder MemoryStorage, the reference)', () => {
        storageContract(() => ({ open: async () => new MemoryStorage(), eTagOnMissingItem: 'writes' }));
    });

    describe('file (LMDB)', () => {
        let dir: string;
        const opened: LmdbStorage[] = [];
        before(() => {
            dir = mkdtempSync(join(tmpdir(), 'lmdb-contract-'));
        });
        after(async () => {
            for (const s of opened) await s.close();
            rmSync(dir, { recursive: true, force: true });
        });
        storageContract(() => ({
            open: async () => {
                if (opened.length === 0) opened.push(new LmdbStorage({ dataDir: dir }));
                return opened[0]!;
            },
            eTagOnMissingItem: 'conflicts'
        }));

        it('keeps what it wrote across a close and a reopen', async () => {
            const other = mkdtempSync(join(tmpdir(), 'lmdb-reopen-'));
            try {
                const first = new LmdbStorage({ dataDir: join(other, 'nested', 'data') });
                await first.write({ k: { v: 1 } });
                await first.close();
                const second = new LmdbStorage({ dataDir: join(other, 'nested', 'data') });
                expect((await second.read(['k'])).k.v).to.equal(1);
                await second.close();
            } finally {
                rmSync(other, { recursive: true, force: true });
            }
        });

        it('stores keys longer than LMDB’s key limit under a hash', async () => {
            const storage = opened[0]!;
            const long = `msteams/conversations/${'x'.repeat(3000)}`;
            const longer = `${long}y`;
            await storage.write({ [long]: { v: 1 }, [longer]: { v: 2 } });
            const items = await storage.read([long, longer]);
            expect([items[long]?.v, items[longer]?.v]).to.deep.equal([1, 2]);
        });

        it('writes a batch whole or not at all', async () => {
            const storage = opened[0]!;
            await storage.write({ 'batch/a': { v: 1 } });
            const { eTag } = (await storage.read(['batch/a']))['batch/a'];
            await storage.write({ 'batch/a': { v: 2, eTag } });
            let failed = false;
            await storage.write({ 'batch/b': { v: 1 }, 'batch/a': { v: 3, eTag } }).catch(() => (failed = true));
            expect(failed).to.equal(true);
            expect(Object.keys(await storage.read(['batch/b']))).to.deep.equal([]);
        });
    });

    describe('blobs (BlobsStorage against Azurite)', function () {
        const azurite = useAzurite('the blobs contract');
        let container = 0;
        storageContract(() => ({
            open: async () => new BlobsStorage(azurite().connectionString, `contract-${process.pid}-${++container}`),
            eTagOnMissingItem: 'conflicts'
        }));
    });

    describe('cosmos (CosmosStorage against @vercel/cosmosdb-server)', function () {
        const cosmos = useCosmos('the cosmos contract');
        let container = 0;
        storageContract(() => ({
            open: async () => {
                const config = { COSMOS_ENDPOINT: cosmos().endpoint, COSMOS_KEY: cosmos().key, COSMOS_DATABASE: 'contract', COSMOS_CONTAINER: `contract-${++container}` };
                // The agent trusting the test certificate is the only test-only setting.
                const options = { ...cosmosOptions(config), cosmosClientOptions: { agent: cosmos().agent } };
                await prepareCosmosContainer(options);
                return new CosmosStorage(options);
            },
            // The emulator upserts an If-Match write onto a missing item; Azure may refuse it (404),
            // which CosmosStorage reports as an eTag conflict: not verifiable here.
            eTagOnMissingItem: 'writes'
        }));

        it('stores keys longer than Cosmos DB’s 255-character id limit under a hash', async () => {
            const options = { ...cosmosOptions({ COSMOS_ENDPOINT: cosmos().endpoint, COSMOS_KEY: cosmos().key, COSMOS_DATABASE: 'contract', COSMOS_CONTAINER: 'long-keys' }), cosmosClientOptions: { agent: cosmos().agent } };
            await prepareCosmosContainer(options);
            const storage = new CosmosStorage(options);
            const long = `msteams/conversations/${'x'.repeat(600)}`;
            const longer = `${long}y`;
            await storage.write({ [long]: { v: 1 }, [longer]: { v: 2 } });
            const items = await storage.read([long, longer]);
            expect([items[long]?.v, items[longer]?.v]).to.deep.equal([1, 2]);
        });
    });
});
