// The two cookies the Web Chat token route reads, both HttpOnly (no script on the page, nor any
// injected into it, can read them), SameSite=Strict (no other site's page can send them) and
// signed with the server's key (signing.ts), so a browser can keep them but neither make nor
// change one:
//   sb_user   the visitor's Direct Line user id (dl_ and 32 hex digits), chosen by the server the
//             first time; the same browser gets the same id back (the bot's user state follows it)
//   sb_agent  a signed-in Web Chat agent: the name and when the sign-in ends
// Both are sent only to /api/directline (the token route), and over HTTPS only in production.
import { randomBytes } from 'node:crypto';
import { agentNamePattern } from '../handoff/agentEntries';
import type { SigningKey } from './signing';

export const userCookie = 'sb_user';
export const agentCookie = 'sb_agent';
export const cookiePath = '/api/directline';
const userCookieSeconds = 365 * 24 * 3600;
/** How long an agent stays signed in on one browser: a working day. */
export const agentSignInSeconds = 12 * 3600;

const visitorUserId = /^dl_[0-9a-f]{32}$/;

export function newVisitorUserId(): string {
    return `dl_${randomBytes(16).toString('hex')}`;
}

/** The cookies of a request (the first of each name; values are taken as sent, ours need no decoding). */
export function readCookies(header: string | undefined): Map<string, string> {
    const cookies = new Map<string, string>();
    for (const pair of (header ?? '').slice(0, 8192).split(';')) {
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        const name = pair.slice(0, eq).trim();
        if (name && !cookies.has(name)) cookies.set(name, pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    return cookies;
}

function setCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
    return `${name}=${value}; Path=${cookiePath}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The visitor id a valid sb_user cookie carries. */
export function userIdFromCookie(key: SigningKey, value: string | undefined): string | undefined {
    const parts = key.verify('user-cookie', value, 1);
    return parts && visitorUserId.test(parts[0]!) ? parts[0] : undefined;
}

export function userCookieHeader(key: SigningKey, userId: string, secure: boolean): string {
    return setCookie(userCookie, key.sign('user-cookie', [userId]), userCookieSeconds, secure);
}

/** The agent a valid, unexpired sb_agent cookie names. */
export function agentFromCookie(key: SigningKey, value: string | undefined, nowSeconds: number): string | undefined {
    const parts = key.verify('agent-cookie', value, 2);
    if (!parts) return undefined;
    const [name = '', until = ''] = parts;
    return agentNamePattern.test(name) && /^\d{1,12}$/.test(until) && Number(until) > nowSeconds ? name : undefined;
}

export function agentCookieHeader(key: SigningKey, name: string, nowSeconds: number, secure: boolean): string {
    const until = nowSeconds + agentSignInSeconds;
    return setCookie(agentCookie, key.sign('agent-cookie', [name, String(until)]), agentSignInSeconds, secure);
}

/** Ends an agent's sign-in on this browser. */
export function clearAgentCookieHeader(secure: boolean): string {
    return setCookie(agentCookie, '', 0, secure);
}
