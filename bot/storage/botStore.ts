// What createStorage hands the host: the botbuilder Storage, which kind it is (for logs and
// /healthz), and how to release it at shutdown.
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
}

export const PROBE_KEY = 'support-bot/startup-probe';

export async function probe(storage: Storage, kind: string): Promise<void> {
    try {
        await storage.read([PROBE_KEY]);
    } catch (err) {
        throw new Error(`STORAGE=${kind}: the store could not be reached at start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
}
