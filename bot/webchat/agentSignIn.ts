// Web Chat agents sign in with a link an operator makes (`npm run agent:link -- <name>`):
//
//   GET  /agent/sign-in?code=...   a page with one button (a GET changes nothing, so a link
//                                  preview or a mail scanner that opens the link spends nothing)
//   POST /agent/sign-in            spends the code once and sets the signed sb_agent cookie
//                                  (webChatCookies.ts), then sends the browser to the chat page
//   POST /agent/sign-out           forgets the agent cookie on this browser (the page's button)
//
// The code is the agent's name, an expiry and a random nonce, signed with the server's key
// (signing.ts): nobody without the key can make one, nor change the name in one. It works once:
// the nonce of a spent code is kept in the bot's storage (shared by every instance) until the
// code would have expired anyway. The token route then gives that browser the agent's Direct Line
// user id, which the desk recognises only on turns that prove they came through it.
import { randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Config } from '../config';
import { agentNamePattern, webChatAgentNames } from '../handoff/agentEntries';
import { DeskStore } from '../handoff/deskStore';
import type { Logger } from '../logger';
import type { SigningKey } from './signing';
import { agentCookieHeader, clearAgentCookieHeader } from './webChatCookies';
import { escapeHtml } from '../http/escapeHtml';

/** How long a sign-in link can be used, by default. */
export const defaultLinkMinutes = 10;
export const signInPath = '/agent/sign-in';
export const signOutPath = '/agent/sign-out';

/** A one-time sign-in link for the agent `name`, valid for `minutes`. */
export function agentSignInLink(
    key: SigningKey,
    name: string,
    baseUrl: string,
    { minutes = defaultLinkMinutes, nowSeconds = Math.floor(Date.now() / 1000) } = {}
): string {
    if (!agentNamePattern.test(name)) throw new Error(`"${name}" is not a Web Chat agent name (1 to 40 letters, digits, "_" or "-")`);
    const code = key.sign('agent-link', [name, String(nowSeconds + Math.round(minutes * 60)), randomBytes(16).toString('base64url')]);
    return `${baseUrl.replace(/\/+$/, '')}${signInPath}?code=${code}`;
}

type LinkCheck = { ok: true; name: string; until: number; nonce: string } | { ok: false; code: string; message: string };

const usedCodesSchema = z.object({
    /** nonce -> when its code expires (seconds since the epoch); kept until then. */
    used: z.record(z.string(), z.number()).default({})
});
export const usedSignInCodesKey = 'webchat/usedSignInCodes';

export interface AgentSignInOptions {
    config: Pick<Config, 'HANDOFF_AGENT_IDS' | 'NODE_ENV'>;
    key: SigningKey;
    storage: Storage;
    log: Logger;
    nowSeconds?: () => number;
}

function fail(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.header('Cache-Control', 'no-store');
    res.json({ code, message });
}

function hostOf(url: string): string | undefined {
    try {
        return new URL(url).host;
    } catch {
        return undefined;
    }
}

export function addAgentSignIn(server: Server, { config, key, storage, log, nowSeconds = () => Math.floor(Date.now() / 1000) }: AgentSignInOptions): void {
    const agents = webChatAgentNames(config.HANDOFF_AGENT_IDS);
    const used = new DeskStore(storage, usedSignInCodesKey, usedCodesSchema);
    const secure = config.NODE_ENV === 'production';
    const askForNew = 'Ask for a new sign-in link (npm run agent:link -- <name>).';

    const check = (code: unknown): LinkCheck => {
        const parts = key.verify('agent-link', code, 3);
        if (!parts) return { ok: false, code: 'InvalidSignInLink', message: `This sign-in link is not valid. ${askForNew}` };
        const [name = '', until = '', nonce = ''] = parts;
        if (!/^\d{1,12}$/.test(until) || Number(until) <= nowSeconds()) return { ok: false, code: 'SignInLinkExpired', message: `This sign-in link has expired. ${askForNew}` };
        if (!agents.has(name)) return { ok: false, code: 'NotAnAgent', message: `"${name}" is not listed in HANDOFF_AGENT_IDS (as webchat:${name}). Ask an operator to add it.` };
        return { ok: true, name, until: Number(until), nonce };
    };

    server.get(signInPath, async (req: Request, res: Response) => {
        const code = (req.query as { code?: unknown } | undefined)?.code;
        const link = check(code);
        if (!link.ok) return fail(res, 400, link.code, link.message);
        res.writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            'X-Frame-Options': 'DENY',
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer'
        });
        res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Agent sign-in</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#1d2733}form{text-align:center}button{font:inherit;padding:8px 18px;border-radius:18px;border:0;background:#1c69d4;color:#fff;cursor:pointer}</style></head>
<body><form method="post" action="${signInPath}"><p>Sign in to the support desk as <strong>${escapeHtml(link.name)}</strong> on this browser.</p>
<input type="hidden" name="code" value="${escapeHtml(String(code))}"><button type="submit">Sign in</button></form></body></html>
`);
    });

    // A page on another site could post a link it holds and sign this browser in as its agent (or out).
    const crossSite = (req: Request) => {
        const origin = req.header('origin');
        return !!origin && origin !== 'null' && hostOf(origin) !== req.header('host');
    };

    server.post(signOutPath, async (req: Request, res: Response) => {
        if (crossSite(req)) return fail(res, 403, 'CrossSiteSignIn', 'Sign out from the chat page itself.');
        res.header('Set-Cookie', clearAgentCookieHeader(secure));
        res.header('Cache-Control', 'no-store');
        res.status(204);
        res.end();
    });

    server.post(signInPath, async (req: Request, res: Response) => {
        if (crossSite(req)) {
            return fail(res, 403, 'CrossSiteSignIn', 'Sign-in links must be opened directly, not submitted from another site.');
        }
        const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { code?: unknown };
        const link = check(body.code);
        if (!link.ok) return fail(res, 400, link.code, link.message);
        const now = nowSeconds();
        let first: boolean;
        try {
            first = await used.update((document) => {
                for (const [nonce, until] of Object.entries(document.used)) if (until <= now) delete document.used[nonce];
                if (Object.hasOwn(document.used, link.nonce)) return false;
                document.used[link.nonce] = link.until;
                return true;
            });
        } catch (err) {
            log.error({ err }, 'could not record a spent agent sign-in code');
            res.header('Retry-After', '5');
            return fail(res, 503, 'StorageUnavailable', 'The sign-in could not be recorded right now. Try the same link again in a few seconds.');
        }
        if (!first) {
            log.warn({ agent: link.name }, 'agent sign-in link used a second time: refused');
            return fail(res, 410, 'SignInLinkUsed', `This sign-in link has already been used. ${askForNew}`);
        }
        log.info({ agent: link.name }, 'agent signed in to Web Chat');
        res.header('Set-Cookie', agentCookieHeader(key, link.name, now, secure));
        res.header('Cache-Control', 'no-store');
        res.header('Location', '/');
        res.status(303);
        res.end();
    });
}
