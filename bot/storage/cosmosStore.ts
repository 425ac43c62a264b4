// STORAGE=cosmos: Azure Cosmos DB (NoSQL) through botbuilder's CosmosDbPartitionedStorage. Pick
// it over blobs for many instances under load: point reads and writes in a few ms, and a
// conflicting write is refused by the service (HTTP 412) like a blob's.
import { CosmosDbPartitionedStorage, type CosmosDbPartitionedStorageOptions } from 'botbuilder-azure';
import type { Config } from '../config';
import { probe, type BotStore, type OpenStoreOptions } from './botStore';

type CosmosConfig = Pick<Config, 'COSMOS_ENDPOINT' | 'COSMOS_KEY' | 'COSMOS_DATABASE' | 'COSMOS_CONTAINER'>;

export function cosmosOptions(config: CosmosConfig): CosmosDbPartitionedStorageOptions {
    const { COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE, COSMOS_CONTAINER } = config;
    // config.ts already requires all four when STORAGE=cosmos; this guards direct callers.
    if (!COSMOS_ENDPOINT || !COSMOS_KEY || !COSMOS_DATABASE || !COSMOS_CONTAINER) {
        throw new Error('STORAGE=cosmos needs COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE and COSMOS_CONTAINER');
    }
    // compatibilityMode stays at its default (true): keys longer than Cosmos DB's 255-character
    // id limit (long Teams conversation ids) are then shortened with a hash instead of refused.
    return { cosmosDbEndpoint: COSMOS_ENDPOINT, authKey: COSMOS_KEY, databaseId: COSMOS_DATABASE, containerId: COSMOS_CONTAINER };
}

/** Builds the storage without touching the network (the client connects on first use). */
export function createCosmosStorage(config: CosmosConfig): CosmosDbPartitionedStorage {
    return new CosmosDbPartitionedStorage(cosmosOptions(config));
}

export async function openCosmosStore(config: Config, { probe: shouldProbe = true }: OpenStoreOptions = {}): Promise<BotStore> {
    const storage = createCosmosStorage(config);
    // The first call also creates the database and the container (partitioned on /id) when missing.
    if (shouldProbe) await probe(storage, 'cosmos');
    return { storage, kind: 'cosmos', close: async () => {} };
}
