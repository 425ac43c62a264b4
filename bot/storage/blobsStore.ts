// STORAGE=blobs: Azure Blob Storage through botbuilder's own BlobsStorage (one JSON blob per
// key, the blob's ETag as the item's eTag). Shared by every instance, so the bot can scale out.
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Config } from '../config';
import { blobAccess, containerUrl } from './blobAccess';
import { probe, type BotStore, type OpenStoreOptions } from './botStore';

type BlobsOptions = NonNullable<ConstructorParameters<typeof BlobsStorage>[2]>;

// The SDK's default retries can hold a turn for minutes; the Bot Connector gives a turn about
// 15 s. Three tries of at most 4 s each fail a turn inside that window instead.
const pipeline: BlobsOptions = {
    storagePipelineOptions: { retryOptions: { maxTries: 3, tryTimeoutInMs: 4000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } }
};

type BlobsConfig = Pick<Config, 'BLOB_CONNECTION_STRING' | 'BLOB_ACCOUNT_URL' | 'AZURE_CLIENT_ID' | 'BLOB_CONTAINER'>;

export function createBlobsStorage(config: BlobsConfig, credential?: OpenStoreOptions['credential']): BlobsStorage {
    const access = blobAccess(config, credential);
    // config.ts already requires both when STORAGE=blobs; this guards direct callers.
    if (!access || !config.BLOB_CONTAINER) throw new Error('STORAGE=blobs needs BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING, and BLOB_CONTAINER');
    if ('connectionString' in access) return new BlobsStorage(access.connectionString, config.BLOB_CONTAINER, pipeline);
    return new BlobsStorage('', '', pipeline, containerUrl(access, config.BLOB_CONTAINER), access.credential);
}

export async function openBlobsStore(config: Config, { probe: shouldProbe = true, credential }: OpenStoreOptions = {}): Promise<BotStore> {
    const storage = createBlobsStorage(config, credential);
    // The first call also creates the container when it is missing.
    if (shouldProbe) await probe(storage, 'blobs');
    return { storage, kind: 'blobs', close: async () => {} };
}
