// Production Web Chat: trades the Direct Line secret (from the Azure Bot's Direct Line channel)
// for a token bound to one new conversation and one user. The secret stays on the server; the
// browser only ever sees the token, which expires.
export const azureTokenUrl = 'https://directline.botframework.com/v3/directline/tokens/generate';

export interface DirectLineToken {
    conversationId: string;
    token: string;
    expires_in: number;
}

export class DirectLineTokenError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'DirectLineTokenError';
    }
}

export async function generateAzureToken(secret: string, userId: string, url: string = azureTokenUrl, timeoutMs = 10_000): Promise<DirectLineToken> {
    let response: globalThis.Response;
    try {
        response = await fetch(url, {
            method: 'POST',
            headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ user: { id: userId } }),
            signal: AbortSignal.timeout(timeoutMs)
        });
    } catch (err) {
        throw new DirectLineTokenError(`Direct Line could not be reached (${(err as Error).message}).`);
    }
    if (!response.ok) {
        // The body may echo request details; only the status is passed on.
        throw new DirectLineTokenError(`Direct Line refused the token request with HTTP ${response.status}${response.status === 403 ? ' (is DIRECT_LINE_SECRET right?)' : ''}.`);
    }
    const body = (await response.json().catch(() => undefined)) as Partial<DirectLineToken> | undefined;
    if (!body || typeof body.token !== 'string' || typeof body.conversationId !== 'string') {
        throw new DirectLineTokenError('Direct Line answered the token request without a token.');
    }
    return { conversationId: body.conversationId, token: body.token, expires_in: typeof body.expires_in === 'number' ? body.expires_in : 1800 };
}
