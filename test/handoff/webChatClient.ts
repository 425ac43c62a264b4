// A browser's side of Web Chat over real HTTP: the cookies it keeps, the token route, an agent's
// sign-in link, and a built-in Direct Line conversation polled the way Web Chat polls it.
import type { Activity } from 'botbuilder';
import { SigningKey } from '../../bot/webchat/signing';
import { agentSignInLink } from '../../bot/webchat/agentSignIn';

/** A browser's cookie jar: name -> value, from Set-Cookie answers (Max-Age=0 deletes). */
export class Browser {
    readonly cookies = new Map<string, string>();

    header(): Record<string, string> {
        return this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
    }

    keep(res: Response): void {
        for (const line of res.headers.getSetCookie()) {
            const [pair = ''] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            if (/;\s*Max-Age=0\b/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, pair.slice(eq + 1).trim());
        }
    }

    async fetch(url: string, init: RequestInit = {}): Promise<Response> {
        const res = await fetch(url, { redirect: 'manual', ...init, headers: { ...this.header(), ...(init.headers as Record<string, string> | undefined) } });
        this.keep(res);
        return res;
    }

    /** POST /api/directline/token as the page does (body: only what the page sends). */
    async token(botUrl: string, body: unknown = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
        const res = await this.fetch(`${botUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
    }
}

/** The key the bot derives from SIGN_IN_SECRET (what npm run agent:link uses). */
export const signingKeyOf = (secret: string) => new SigningKey(Buffer.from(`sign-in:${secret}`));

/** Opens a sign-in link as a person would: the page, then its button (a form POST of the code). */
export async function openSignInLink(browser: Browser, link: string): Promise<Response> {
    const page = await browser.fetch(link);
    if (page.status !== 200) return page;
    const code = /name="code" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const url = new URL(link);
    return browser.fetch(`${url.origin}${url.pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `code=${encodeURIComponent(code)}` });
}

export async function signInAgent(browser: Browser, botUrl: string, secret: string, name: string): Promise<void> {
    const res = await openSignInLink(browser, agentSignInLink(signingKeyOf(secret), name, botUrl));
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
}

export interface DirectLineChat {
    userId: string;
    conversationId: string;
    say(text: string): Promise<number>;
    /** Waits until an activity from the bot after the ones seen so far contains `text`. */
    waitFor(text: string, timeoutMs?: number): Promise<void>;
    /** Everything the bot has sent so far, as the person reads it. */
    seen(): Promise<string>;
}

const readable = (a: Partial<Activity>) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join('\n');

/** Gets a token for this browser and starts a built-in Direct Line conversation with it. */
export async function openChat(browser: Browser, botUrl: string): Promise<DirectLineChat> {
    const session = await browser.token(botUrl);
    if (session.status !== 200) throw new Error(`token route answered ${session.status}: ${JSON.stringify(session.body)}`);
    const token = session.body.token as string;
    const conversationId = session.body.conversationId as string;
    const auth = { Authorization: `Bearer ${token}` };
    const started = await fetch(`${botUrl}/v3/directline/conversations`, { method: 'POST', headers: auth });
    if (started.status >= 300) throw new Error(`POST /conversations answered ${started.status}`);
    const all = async () => {
        const res = await fetch(`${botUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: auth });
        const body = (await res.json()) as { activities: Partial<Activity>[] };
        return body.activities.filter((a) => a.from?.role === 'bot').map(readable).join('\n');
    };
    return {
        userId: session.body.userId as string,
        conversationId,
        async say(text) {
            const res = await fetch(`${botUrl}/v3/directline/conversations/${conversationId}/activities`, {
                method: 'POST',
                headers: { ...auth, 'Content-Type': 'application/json' },
                body: JSON.stringify({ type: 'message', text, from: { id: 'whatever-the-page-says', name: 'Sam' } })
            });
            return res.status;
        },
        async waitFor(text, timeoutMs = 5000) {
            const until = Date.now() + timeoutMs;
            for (;;) {
                const seen = await all();
                if (seen.includes(text)) return;
                if (Date.now() > until) throw new Error(`"${text}" never reached ${conversationId}; it got:\n${seen}`);
                await new Promise((r) => setTimeout(r, 50));
            }
        },
        seen: all
    };
}
