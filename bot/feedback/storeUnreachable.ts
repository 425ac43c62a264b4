// The shared store could not be read: one message for an operator saying what happened, where,
// and what to do, instead of the SDK's many lines of request ids and XML.

const NETWORK_CODES = new Set([
    'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT', 'REQUEST_SEND_ERROR'
]);

export class FeedbackStoreUnreachable extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'FeedbackStoreUnreachable';
    }
}

/** The codes and statuses on an SDK error, its cause, and the cause's cause (where they wrap a socket error). */
function detailsOf(err: unknown): { codes: string[]; status: number | undefined } {
    const codes: string[] = [];
    let status: number | undefined;
    let e: unknown = err;
    for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
        const { code, statusCode, name } = e as { code?: unknown; statusCode?: unknown; name?: unknown };
        for (const c of [code, name]) if (typeof c === 'string') codes.push(c);
        if (typeof code === 'number') status ??= code;
        if (typeof statusCode === 'number') status ??= statusCode;
        e = (e as { cause?: unknown }).cause;
    }
    return { codes, status };
}

/** `where`: the store and its address (no secrets); `todo`: the settings to check. */
export function storeUnreachable(err: unknown, where: string, todo: string): FeedbackStoreUnreachable {
    const { codes, status } = detailsOf(err);
    const network = codes.find((c) => NETWORK_CODES.has(c) || c === 'TimeoutError' || c === 'AbortError');
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim().slice(0, 200);
    let what: string;
    if (network) what = `it cannot be reached (${network})`;
    else if (status === 401 || status === 403) what = `it refused the credentials or this address (${status}${codes[0] ? ` ${codes[0]}` : ''})`;
    else what = `it answered with an error (${status ?? 'no status'}: ${first || 'no message'})`;
    return new FeedbackStoreUnreachable(`Cannot read the feedback records from ${where}: ${what}. ${todo}`, { cause: err });
}
