// Reads and changes the desk document with optimistic concurrency: a change is written with
// the eTag it was read with, and re-applied to fresh data if another instance wrote first.
import type { Storage } from 'botbuilder';
import { deskDocumentSchema, type DeskDocument } from './deskDocument';

const key = 'handoff/desk';
const attempts = 8;

function isETagConflict(err: unknown): boolean {
    const text = String((err as { message?: string })?.message ?? err) + String((err as { code?: unknown })?.code ?? '');
    return /etag|precondition|412|conflict/i.test(text) || (err as { statusCode?: number })?.statusCode === 412;
}

export class DeskStore {
    constructor(private readonly storage: Storage) {}

    async read(): Promise<DeskDocument> {
        const items = await this.storage.read([key]);
        return deskDocumentSchema.parse(items[key] ?? {});
    }

    /** Applies `change` to the latest document and saves it; `change` may run more than once. */
    async update<T>(change: (desk: DeskDocument) => T): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            const items = await this.storage.read([key]);
            const stored = items[key] as { eTag?: string } | undefined;
            const desk = deskDocumentSchema.parse(stored ?? {});
            const result = change(desk);
            try {
                // A new document is written with eTag '*'; an existing one only if nobody changed it since.
                await this.storage.write({ [key]: { ...desk, eTag: stored?.eTag ?? '*' } });
                return result;
            } catch (err) {
                if (!isETagConflict(err) || attempt >= attempts) throw err;
            }
        }
    }
}
