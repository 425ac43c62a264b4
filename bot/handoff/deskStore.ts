// Reads and changes one of the desk's shared documents with optimistic concurrency: a change is
// written with the eTag it was read with, and re-applied to fresh data if another instance wrote
// first.
import type { Storage } from 'botbuilder';
import type { z } from 'zod';
import { isETagConflict } from '../storage/eTagConflict';

const attempts = 8;

export class DeskStore<Schema extends z.ZodType<object>> {
    constructor(
        private readonly storage: Storage,
        private readonly key: string,
        private readonly schema: Schema
    ) {}

    async read(): Promise<z.infer<Schema>> {
        const items = await this.storage.read([this.key]);
        return this.schema.parse(items[this.key] ?? {});
    }

    /** Applies `change` to the latest document and saves it; `change` may run more than once. */
    async update<T>(change: (document: z.infer<Schema>) => T): Promise<T> {
        const { key } = this;
        for (let attempt = 1; ; attempt++) {
            const items = await this.storage.read([key]);
            const stored = items[key] as { eTag?: string } | undefined;
            const document = this.schema.parse(stored ?? {});
            const result = change(document);
            try {
                // A new document is written with eTag '*'; an existing one only if nobody changed it since.
                await this.storage.write({ [key]: { ...document, eTag: stored?.eTag ?? '*' } });
                return result;
            } catch (err) {
                if (!isETagConflict(err) || attempt >= attempts) throw err;
            }
        }
    }
}
