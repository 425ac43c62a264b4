// STORAGE=cosmos: Azure Cosmos DB (NoSQL) through botbuilder's CosmosDbPartitionedStorage. Pick
// it over blobs for many instances under load: point reads and writes in a few ms, and a
// conflicting write is refused by the service (HTTP 412) like a blob's.
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { StoreItems } from 'botbuilder';
import { CosmosDbPartitionedStorage, type CosmosDbPartitionedStorageOptions } from 'botbuilder-azure';
import type { Config } from '../config';
import { azureCredential } from './azureCredential';
import { probe, type BotStore, type OpenStoreOptions } from './botStore';
import { prepareCosmosContainer } from './cosmosStartup';
import { eTagConflictMessage } from './eTagConflict';

type CosmosConfig = Pick<Config, 'COSMOS_ENDPOINT' | 'COSMOS_KEY' | 'COSMOS_DATABASE' | 'COSMOS_CONTAINER'> & Partial<Pick<Config, 'AZURE_CLIENT_ID'>>;

/** With COSMOS_KEY the account key; without it the managed identity (or the given credential), which needs a Cosmos DB data role. */
export function cosmosOptions(config: CosmosConfig, credential?: TokenCredential): CosmosDbPartitionedStorageOptions {
    const { COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE, COSMOS_CONTAINER } = config;
    // config.ts already requires these when STORAGE=cosmos; this guards direct callers.
    if (!COSMOS_ENDPOINT || !COSMOS_DATABASE || !COSMOS_CONTAINER) {
        throw new Error('STORAGE=cosmos needs COSMOS_ENDPOINT, COSMOS_DATABASE and COSMOS_CONTAINER');
    }
    // compatibilityMode stays at its default (true), so containers made by older botbuilder
    // versions keep working; CosmosStorage keeps long keys out of its random-salt hashing.
    const where = { cosmosDbEndpoint: COSMOS_ENDPOINT, databaseId: COSMOS_DATABASE, containerId: COSMOS_CONTAINER };
    return COSMOS_KEY ? { ...where, authKey: COSMOS_KEY } : { ...where, tokenCredential: credential ?? azureCredential(config) };
}

// botbuilder escapes \ ? / # * as three characters each and, in compatibilityMode, replaces an
// escaped key longer than 255 characters with a bcrypt hash under a random salt: the item can then
// never be read back, and the hash's '/' makes Cosmos DB refuse it (found by the contract test).
// Such keys are stored here under their SHA-256 instead, deterministic and short.
const ESCAPED = new Set(['\\', '?', '/', '#', '*']);
const MAX_ESCAPED_KEY = 255;

export function cosmosKey(key: string): string {
    let escaped = key.length;
    for (const c of key) if (ESCAPED.has(c)) escaped += 2;
    return escaped > MAX_ESCAPED_KEY ? `sha256-${createHash('sha256').update(key).digest('hex')}` : key;
}

/**
 * CosmosDbPartitionedStorage that stores long keys under a hash (above) and reports a refused
 * conditional write in the words MemoryStorage, BlobsStorage and the file store use ("eTag
 * conflict"), so the contract and every caller see one behaviour whatever STORAGE says. Cosmos DB
 * refuses with 412 when the item changed, and with 404 when a write carrying an eTag finds the
 * item deleted: both mean "read again and retry".
 */
export class CosmosStorage extends CosmosDbPartitionedStorage {
    override async read(keys: string[]): Promise<StoreItems> {
        const stored = new Map(keys.map((k) => [cosmosKey(k), k]));
        const items = await super.read([...stored.keys()]);
        return Object.fromEntries(Object.entries(items).map(([k, item]) => [stored.get(k) ?? k, item]));
    }

    override async delete(keys: string[]): Promise<void> {
        await super.delete(keys.map(cosmosKey));
    }

    override async write(changes: StoreItems): Promise<void> {
        try {
            await super.write(Object.fromEntries(Object.entries(changes).map(([k, item]) => [cosmosKey(k), item])));
        } catch (err) {
            const code = (err as { code?: unknown }).code;
            const conditional = Object.keys(changes).filter((k) => {
                const eTag: unknown = changes[k]?.eTag;
                return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
            });
            if (code === 412 || (code === 404 && conditional.length > 0)) {
                throw new Error(eTagConflictMessage(conditional.length === 1 ? conditional[0]! : conditional.join('", "')), { cause: err });
            }
            throw err;
        }
    }
}

/** Builds the storage without touching the network (the client connects on first use). */
export function createCosmosStorage(config: CosmosConfig, extra: Partial<CosmosDbPartitionedStorageOptions> = {}): CosmosStorage {
    return new CosmosStorage({ ...cosmosOptions(config, extra.tokenCredential), ...extra });
}

export async function openCosmosStore(config: Config, { probe: shouldProbe = true, credential }: OpenStoreOptions = {}): Promise<BotStore> {
    const options = cosmosOptions(config, credential);
    const storage = new CosmosStorage(options);
    if (shouldProbe) {
        // Creates a missing database and container (partitioned on /id) when the key may, and
        // otherwise stops the start with one line saying what is missing and how to make it.
        await prepareCosmosContainer(options);
        await probe(storage, 'cosmos');
    }
    return { storage, kind: 'cosmos', close: async () => {} };
}
