// The identity the storage clients sign in with when no key is configured (BLOB_ACCOUNT_URL, or
// COSMOS_ENDPOINT without COSMOS_KEY): on App Service the managed identity, chosen by
// AZURE_CLIENT_ID when the app has a user-assigned one; on a developer's machine `az login`.
// One credential per process, so its token cache serves the state, transcript and Cosmos clients.
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';

const credentials = new Map<string, TokenCredential>();

export function azureCredential(config: Partial<Pick<Config, 'AZURE_CLIENT_ID'>>): TokenCredential {
    const clientId = config.AZURE_CLIENT_ID ?? '';
    let credential = credentials.get(clientId);
    if (!credential) {
        credential = new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
        credentials.set(clientId, credential);
    }
    return credential;
}
