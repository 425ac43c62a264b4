// Picks the store named by STORAGE. Everything above this line of code sees only botbuilder's
// Storage interface, so changing stores is a configuration change, not a code change.
import { MemoryStorage } from 'botbuilder';
import type { Config } from '../config';
import { openBlobsStore } from './blobsStore';
import type { BotStore, OpenStoreOptions } from './botStore';
import { openCosmosStore } from './cosmosStore';
import { LmdbStorage } from './lmdbStorage';

export type { BotStore } from './botStore';

export async function createStorage(config: Config, options: OpenStoreOptions = {}): Promise<BotStore> {
    switch (config.STORAGE) {
        case 'memory':
            // Lost at every restart and private to one process: for tests and quick trials.
            return { storage: new MemoryStorage(), kind: 'memory', close: async () => {} };
        case 'file': {
            const storage = new LmdbStorage({ dataDir: config.DATA_DIR });
            return { storage, kind: 'file', close: () => storage.close() };
        }
        case 'blobs':
            return openBlobsStore(config, options);
        case 'cosmos':
            return openCosmosStore(config, options);
    }
}
