// Picks where feedback records go, following STORAGE, so that with several instances (App Service
// scale-out, a restart on a fresh container) every record lands in one place `npm run report` reads:
//   file    -> DATA_DIR/feedback.jsonl
//   memory  -> memory (tests and trials)
//   blobs   -> Blob Storage, container <BLOB_CONTAINER>-feedback, one blob per record
//   cosmos  -> the Cosmos DB state container, one item per record
// The store clients are built here only, from the same settings as the state store's, and sign in
// the same way: a key, or the managed identity.
import { join } from 'node:path';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import type { Config } from '../config';
import { blobAccess, containerClient } from '../storage/blobAccess';
import { cosmosOptions } from '../storage/cosmosStore';
import { BlobsFeedbackLog, feedbackContainerName } from './blobsFeedbackLog';
import { CosmosFeedbackLog } from './cosmosFeedbackLog';
import { JsonLinesFeedbackLog, MemoryFeedbackLog } from './feedbackLogs';

type FeedbackConfig = Pick<
    Config,
    | 'STORAGE' | 'DATA_DIR' | 'BLOB_CONNECTION_STRING' | 'BLOB_ACCOUNT_URL' | 'BLOB_CONTAINER' | 'AZURE_CLIENT_ID'
    | 'COSMOS_ENDPOINT' | 'COSMOS_KEY' | 'COSMOS_DATABASE' | 'COSMOS_CONTAINER'
>;

// As the state store (bot/storage/blobsStore.ts): a failing write fails within the Bot
// Connector's ~15 s, not after the SDK's minutes of retries.
const pipeline = { retryOptions: { maxTries: 3, tryTimeoutInMs: 4000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } };

export type SharedFeedbackLog = BlobsFeedbackLog | CosmosFeedbackLog;

export function feedbackFile(config: Pick<Config, 'DATA_DIR'>): string {
    return join(config.DATA_DIR, 'feedback.jsonl');
}

/**
 * The client is built from the state store's own options (cosmosOptions), so it signs in as the
 * state store does. `clientOptions`: tests add an agent that trusts the emulator's certificate.
 */
export function cosmosFeedbackLog(
    config: Pick<Config, 'COSMOS_ENDPOINT' | 'COSMOS_KEY' | 'COSMOS_DATABASE' | 'COSMOS_CONTAINER'> & Partial<Pick<Config, 'AZURE_CLIENT_ID'>>,
    clientOptions: Partial<CosmosClientOptions> = {}
): CosmosFeedbackLog {
    const options = cosmosOptions(config);
    const endpoint = options.cosmosDbEndpoint ?? '';
    const client = new CosmosClient({
        endpoint,
        ...(options.tokenCredential ? { aadCredentials: options.tokenCredential } : { key: options.authKey ?? '' }),
        ...clientOptions,
        // A write holds a turn: fail inside the Bot Connector's ~15 s, not after a minute of retries.
        connectionPolicy: { requestTimeout: 10_000, ...clientOptions.connectionPolicy }
    });
    return new CosmosFeedbackLog(client.database(options.databaseId).container(options.containerId), endpoint);
}

/** The shared store's log when STORAGE names one, undefined for file and memory. */
export function sharedFeedbackLog(config: FeedbackConfig): SharedFeedbackLog | undefined {
    switch (config.STORAGE) {
        case 'blobs': {
            // The state store's way in: the account key, or the managed identity (blobAccess.ts).
            const access = blobAccess(config);
            // config.ts requires both when STORAGE=blobs; this guards direct callers.
            if (!access || !config.BLOB_CONTAINER) throw new Error('STORAGE=blobs needs BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING, and BLOB_CONTAINER');
            return new BlobsFeedbackLog(containerClient(access, feedbackContainerName(config.BLOB_CONTAINER), pipeline));
        }
        case 'cosmos':
            return cosmosFeedbackLog(config);
        default:
            return undefined;
    }
}

export function createFeedbackLog(config: FeedbackConfig): SharedFeedbackLog | JsonLinesFeedbackLog | MemoryFeedbackLog {
    if (config.STORAGE === 'memory') return new MemoryFeedbackLog();
    return sharedFeedbackLog(config) ?? new JsonLinesFeedbackLog(feedbackFile(config));
}
