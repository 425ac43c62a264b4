// How the bot reaches Blob Storage: a connection string (the account key; Azurite and local runs)
// or the account's URL and a TokenCredential (the managed identity, with shared-key access off).
// config.ts admits exactly one of the two.
import type { TokenCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { Config } from '../config';
import { azureCredential } from './azureCredential';

export type BlobAccess = { connectionString: string } | { accountUrl: string; credential: TokenCredential };

type BlobConfig = Pick<Config, 'BLOB_CONNECTION_STRING' | 'BLOB_ACCOUNT_URL' | 'AZURE_CLIENT_ID'>;

/** The configured way in, or undefined when neither setting is given. */
export function blobAccess(config: BlobConfig, credential?: TokenCredential): BlobAccess | undefined {
    if (config.BLOB_CONNECTION_STRING) return { connectionString: config.BLOB_CONNECTION_STRING };
    if (config.BLOB_ACCOUNT_URL) return { accountUrl: config.BLOB_ACCOUNT_URL, credential: credential ?? azureCredential(config) };
    return undefined;
}

/** The container's URL, for the botbuilder stores that take a URL and a credential. */
export function containerUrl(access: { accountUrl: string }, container: string): string {
    return `${access.accountUrl}/${encodeURIComponent(container)}`;
}

export function containerClient(access: BlobAccess, container: string, pipeline?: StoragePipelineOptions): ContainerClient {
    return 'connectionString' in access
        ? new ContainerClient(access.connectionString, container, pipeline)
        : new ContainerClient(containerUrl(access, container), access.credential, pipeline);
}
