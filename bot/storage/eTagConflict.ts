// One recognisable error for "someone else wrote this item since you read it", whatever the
// store: MemoryStorage and BlobsStorage throw a plain Error whose message says "eTag conflict",
// Cosmos DB rejects with code 412, the Azure SDKs with statusCode 412.

export class ETagConflictError extends Error {
    constructor(
        /** The storage key whose write was rejected. */
        readonly key: string,
        /** Keys this turn had already written before the conflict (no store writes several keys atomically). */
        readonly alreadyWritten: readonly string[] = [],
        options?: { cause?: unknown }
    ) {
        super(`Storage: error writing "${key}" due to eTag conflict: another turn changed it since this turn read it.`, options);
        this.name = 'ETagConflictError';
    }
}

export function eTagConflictMessage(key: string): string {
    // The same words MemoryStorage and BlobsStorage use, so callers can match one phrase.
    return `Storage: error writing "${key}" due to eTag conflict.`;
}

export function isETagConflict(err: unknown): boolean {
    if (err instanceof ETagConflictError) return true;
    if (typeof err !== 'object' || err === null) return false;
    const { message, code, statusCode } = err as { message?: unknown; code?: unknown; statusCode?: unknown };
    return code === 412 || statusCode === 412 || (typeof message === 'string' && message.includes('eTag conflict'));
}
