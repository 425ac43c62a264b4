// STORAGE=blobs: Azure Blob Storage through botbuilder's own BlobsStorage (one JSON blob per
// key, the blob's ETag as the item's eTag). Shared by every instance, so the bot can scale out.
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Config } from '../config';
import { probe, type BotStore, type OpenStoreOptions } from './botStore';

type BlobsOptions = NonNullable<ConstructorParameters<typeof BlobsStorage>[2]>;

// The SDK's default retries can hold a turn for minutes; the Bot Connector gives a turn about
// 15 s. Three tries of at most 4 s each fail a turn inside that window instead.
const pipeline: BlobsOptions = {
    storagePipelineOptions: { retryOptions: { maxTries: 3, tryTimeoutInMs: 4000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } }
};

export function createBlobsStorage(config: Pick<Config, 'BLOB_CONNECTION_STRING' | 'BLOB_CONTAINER'>): BlobsStorage {
    const { BLOB_CONNECTION_STRING, BLOB_CONTAINER } = config;
    // config.ts already requires both when STORAGE=blobs; this guards direct callers.
    if (!BLOB_CONNECTION_STRING || !BLOB_CONTAINER) throw new Error('STORAGE=blobs needs BLOB_CONNECTION_STRING and BLOB_CONTAINER');
    return new BlobsStorage(BLOB_CONNECTION_STRING, BLOB_CONTAINER, pipeline);
}

export async function openBlobsStore(config: Config, { probe: shouldProbe = true }: OpenStoreOptions = {}): Promise<BotStore> {
    const storage = createBlobsStorage(config);
    // The first call also creates the container when it is missing.
    if (shouldProbe) await probe(storage, 'blobs');
    return { storage, kind: 'blobs', close: async () => {} };
}
