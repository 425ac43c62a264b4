// Picks the transcript store that goes with STORAGE:
//   file    -> JSON lines under DATA_DIR/transcripts/ (FileTranscriptStore)
//   memory  -> botbuilder's MemoryTranscriptStore
//   blobs   -> Azure Blob Storage, container "<BLOB_CONTAINER>-transcripts"
//   cosmos  -> the same blob container, from BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING, and BLOB_CONTAINER (Cosmos DB
//              keeps the state, Blob Storage the transcripts: an append-only log of small documents
//              is what blobs are cheap at, and botbuilder has no Cosmos DB transcript store). In
//              production config.ts requires both; elsewhere, without them, there are no
//              transcripts and the bot says so at start.
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { blobAccess } from '../storage/blobAccess';
import { ManagedBlobsTranscriptStore, transcriptContainerName } from './blobsTranscripts';
import { FileTranscriptStore } from './fileTranscriptStore';
import type { ManagedTranscriptStore } from './managedTranscriptStore';
import { ManagedMemoryTranscriptStore } from './memoryTranscripts';

export type TranscriptStoreKind = 'file' | 'memory' | 'blobs' | 'none';

export interface TranscriptStoreChoice {
    store: ManagedTranscriptStore | undefined;
    kind: TranscriptStoreKind;
    /** Where the transcripts are, for the start-up log line (no secrets). */
    where: string;
}

type TranscriptConfig = Pick<Config, 'STORAGE' | 'DATA_DIR' | 'BLOB_CONNECTION_STRING' | 'BLOB_ACCOUNT_URL' | 'AZURE_CLIENT_ID' | 'BLOB_CONTAINER'>;

// As the state store (bot/storage/blobsStore.ts): fail within the Bot Connector's ~15 s, not minutes.
const pipeline = { retryOptions: { maxTries: 3, tryTimeoutInMs: 4000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } };

export function transcriptsFolder(config: Pick<Config, 'DATA_DIR'>): string {
    return join(config.DATA_DIR, 'transcripts');
}

/** `credential` replaces the managed identity when the blobs are reached without a key. */
export function createTranscriptStore(config: TranscriptConfig, credential?: TokenCredential): TranscriptStoreChoice {
    switch (config.STORAGE) {
        case 'file':
            return { store: new FileTranscriptStore(transcriptsFolder(config)), kind: 'file', where: transcriptsFolder(config) };
        case 'memory':
            return { store: new ManagedMemoryTranscriptStore(), kind: 'memory', where: 'memory' };
        case 'blobs':
        case 'cosmos': {
            const access = blobAccess(config, credential);
            if (!access || !config.BLOB_CONTAINER) {
                return { store: undefined, kind: 'none', where: 'off: set BLOB_ACCOUNT_URL (or BLOB_CONNECTION_STRING) and BLOB_CONTAINER to keep transcripts (required when NODE_ENV=production)' };
            }
            const container = transcriptContainerName(config.BLOB_CONTAINER);
            return { store: new ManagedBlobsTranscriptStore(access, container, pipeline), kind: 'blobs', where: `blob container ${container}` };
        }
    }
}
