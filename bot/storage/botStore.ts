// What createStorage hands the host: the botbuilder Storage, which kind it is (for logs and
// /healthz), and how to release it at shutdown.
import type { TokenCredential } from '@azure/identity';
import type { Storage } from 'botbuilder';
import type { Config } from '../config';

export interface BotStore {
    storage: Storage;
    kind: Config['STORAGE'];
    close(): Promise<void>;
}

export interface OpenStoreOptions {
    /**
     * Read one key at start (default true) so a wrong connection string, key or firewall rule
     * stops the bot at start with the store's own error instead of failing the first turns.
     * Tests that must not touch the network pass false.
     */
    probe?: boolean;
    /** Instead of the managed identity (azureCredential.ts), when a store is reached without a key. */
    credential?: TokenCredential;
}

/** The store is unusable at start, for a reason the operator fixes: the message is one line saying what and how. */
export class StoreStartError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'StoreStartError';
    }
}

export const PROBE_KEY = 'support-bot/startup-probe';

export async function probe(storage: Storage, kind: string): Promise<void> {
    try {
        await storage.read([PROBE_KEY]);
    } catch (err) {
        if (err instanceof StoreStartError) throw err;
        // The SDKs' messages run over many lines (request ids, JSON bodies): the first says what happened.
        const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
        throw new StoreStartError(`STORAGE=${kind}: the store could not be reached at start: ${first || (err as { code?: unknown }).code || 'no message'}`, { cause: err });
    }
}
