// Offline checks of the Authorization header, before botbuilder verifies the token's signature.
// Everything here needs no network: a request that fails any check is rejected without asking
// Azure AD for signing keys, so a flood of junk tokens costs no outbound call and gets a 401.
// Only a token that looks right in every way that can be seen offline (Bearer scheme, a JWT
// signed with an RSA algorithm the Bot Framework uses, a key id, this bot's app id as audience,
// not expired) goes on to the signature check, which needs the published signing keys.

/** The algorithms botframework-connector accepts (AuthenticationConstants.AllowedSigningAlgorithms). */
const allowedAlgorithms = new Set(['RS256', 'RS384', 'RS512']);

/** botframework-connector allows five minutes of clock skew; so do we, so the two never disagree. */
export const clockToleranceSeconds = 300;

export type BearerCheck = { ok: true } | { ok: false; reason: string };

function decodeJson(part: string): unknown {
    try {
        if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
        return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    } catch {
        return undefined;
    }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks what can be checked without the signing keys. `appId` is the bot's MicrosoftAppId:
 * Bot Framework channel, Emulator and skill tokens all carry it as their audience.
 */
export function checkBearerToken(authorization: string | undefined, appId: string, nowSeconds = Date.now() / 1000): BearerCheck {
    if (!authorization) return { ok: false, reason: 'no Authorization header' };
    // botframework-connector splits on one space and wants exactly "Bearer".
    const match = /^Bearer ([^\s]+)$/.exec(authorization);
    if (!match) return { ok: false, reason: 'the Authorization header must be "Bearer <token>"' };
    const parts = match[1]!.split('.');
    if (parts.length !== 3 || !parts[2]) return { ok: false, reason: 'the bearer token is not a signed JWT' };
    const header = decodeJson(parts[0]!);
    const claims = decodeJson(parts[1]!);
    if (!isObject(header) || !isObject(claims)) return { ok: false, reason: 'the bearer token is not a signed JWT' };
    if (typeof header.alg !== 'string' || !allowedAlgorithms.has(header.alg)) return { ok: false, reason: 'the token is not signed with an accepted algorithm' };
    if (typeof header.kid !== 'string' || !header.kid) return { ok: false, reason: 'the token names no signing key' };
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(appId)) return { ok: false, reason: 'the token is not for this bot' };
    if (typeof claims.exp !== 'number') return { ok: false, reason: 'the token has no expiry' };
    if (claims.exp + clockToleranceSeconds < nowSeconds) return { ok: false, reason: 'the token has expired' };
    if (typeof claims.nbf === 'number' && claims.nbf - clockToleranceSeconds > nowSeconds) return { ok: false, reason: 'the token is not valid yet' };
    return { ok: true };
}
