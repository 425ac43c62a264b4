// Rate limits for POST /api/messages, per conversation and per client address, checked after the
// body is parsed and before the adapter (so a flood costs no token check, state read or turn).
//
// Each key has a sliding-window counter (the count of the current fixed window plus the previous
// window's count weighted by how much of it still overlaps the sliding window): O(1) memory per
// key, no burst of 2x at a window edge as a plain fixed window allows. Rejected requests are not
// counted, so a client that waits as told (Retry-After) gets through.
//
// Memory follows the clients active now, not all there ever were: a key not seen for two windows
// counts nothing any more and is forgotten. A JavaScript Map keeps insertion order and a key is
// re-inserted whenever it is seen, so the least recently seen keys are at the front, where both
// the forgetting and the hard bound look: at most `maxKeys` keys per limiter, least recently seen
// evicted first. An evicted key starts again from zero, which only matters when more than
// maxKeys clients are active at once.
//
// The client address is the TCP peer (req.socket.remoteAddress), IPv6 peers grouped by /64 (see
// clientAddress.ts). X-Forwarded-For is ignored: any client can write it. Behind a reverse proxy
// (Azure App Service's front end, a load balancer) every request then comes from the proxy's few
// addresses; see README.md, "Rate limits".
//
// Which requests count is decided by the route restify matched, not by the path as spelled:
// restify decodes percent-escapes and ignores what follows a ";" before matching, so
// /api/%6dessages, /%61pi/messages and /api/messages;x all reach the messages handler, and a
// comparison of req.getPath() let each spelling have a budget of its own.
import type { Next, Request, Response } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { conversationKey } from '../conversationKey';
import { clientAddressKey } from './clientAddress';

export type Decision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Entry {
    /** Index of the fixed window `current` counts (floor(time / windowMs)). */
    window: number;
    current: number;
    previous: number;
    /** The window in which this key was last reported as limited (one warning per window). */
    warnedWindow: number;
}

export interface SlidingWindowOptions {
    limit: number;
    windowMs: number;
    /** Most keys kept at once (default 10,000). */
    maxKeys?: number;
    now?: () => number;
}

export class SlidingWindowLimiter {
    readonly limit: number;
    readonly windowMs: number;
    readonly maxKeys: number;
    private readonly now: () => number;
    private readonly entries = new Map<string, Entry>();

    constructor({ limit, windowMs, maxKeys = 10_000, now = Date.now }: SlidingWindowOptions) {
        if (!(limit >= 1) || !(windowMs > 0) || !(maxKeys >= 1)) throw new RangeError('SlidingWindowLimiter: limit, windowMs and maxKeys must be positive');
        this.limit = limit;
        this.windowMs = windowMs;
        this.maxKeys = maxKeys;
        this.now = now;
    }

    /** Keys currently remembered (never more than maxKeys). */
    get size(): number {
        return this.entries.size;
    }

    /** Counts one request for `key` if it is within the limit. */
    take(key: string): Decision & { firstRejectionThisWindow?: boolean } {
        const now = this.now();
        const window = Math.floor(now / this.windowMs);
        const elapsed = now - window * this.windowMs;
        let entry = this.entries.get(key);
        if (entry) {
            this.entries.delete(key);
            if (entry.window !== window) {
                entry.previous = entry.window === window - 1 ? entry.current : 0;
                entry.current = 0;
                entry.window = window;
            }
        } else {
            entry = { window, current: 0, previous: 0, warnedWindow: -1 };
        }
        this.entries.set(key, entry);
        this.trim(window);

        const weight = 1 - elapsed / this.windowMs;
        const estimate = entry.previous * weight + entry.current;
        if (estimate + 1 > this.limit) {
            const first = entry.warnedWindow !== window;
            entry.warnedWindow = window;
            return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(this.waitMs(entry, elapsed) / 1000)), firstRejectionThisWindow: first };
        }
        entry.current += 1;
        return { allowed: true, remaining: Math.max(0, Math.floor(this.limit - estimate - 1)) };
    }

    /** How long until one more request fits, given the counts now (elapsed ms into the window). */
    private waitMs(entry: Entry, elapsed: number): number {
        const { limit, windowMs: w } = this;
        const room = limit - 1 - entry.current;
        if (room >= 0 && entry.previous > 0) {
            // Later in this window the previous window's weight has shrunk enough.
            return Math.max(0, w * (1 - room / entry.previous) - elapsed);
        }
        // The current window is full: wait for the next one, then for its weight to shrink.
        const intoNext = entry.current > 0 ? Math.max(0, w * (1 - (limit - 1) / entry.current)) : 0;
        return w - elapsed + intoNext;
    }

    /**
     * Drops keys from the front (least recently seen first): those last seen before the previous
     * window, whose counts no longer weigh anything, then any beyond maxKeys.
     */
    private trim(window: number): void {
        for (const [key, entry] of this.entries) {
            if (entry.window >= window - 1 && this.entries.size <= this.maxKeys) return;
            this.entries.delete(key);
        }
    }
}

export interface MessageRateLimitOptions {
    /** Keys per limiter (default 10,000). */
    maxKeys?: number;
    now?: () => number;
    /** Where a request comes from (default: the TCP peer address, IPv6 grouped by /64). */
    clientAddress?: (req: Request) => string;
}

/** The route the limits guard, as it was registered (bot/http/messagesRoute.ts). */
export const messagesRoute = { method: 'POST', path: '/api/messages' } as const;

function isMessagesRoute(req: Request): boolean {
    const route = req.getRoute?.() as { method?: string; path?: unknown } | undefined;
    return route?.method === messagesRoute.method && route.path === messagesRoute.path;
}

export class MessageRateLimiter {
    readonly perConversation: SlidingWindowLimiter;
    readonly perAddress: SlidingWindowLimiter;
    private readonly clientAddress: (req: Request) => string;

    constructor(
        config: Pick<Config, 'RATE_LIMIT_PER_CONVERSATION' | 'RATE_LIMIT_PER_ADDRESS' | 'RATE_LIMIT_WINDOW_SECONDS'>,
        private readonly log: Logger,
        { maxKeys, now, clientAddress = clientAddressKey }: MessageRateLimitOptions = {}
    ) {
        const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
        this.perConversation = new SlidingWindowLimiter({ limit: config.RATE_LIMIT_PER_CONVERSATION, windowMs, maxKeys, now });
        this.perAddress = new SlidingWindowLimiter({ limit: config.RATE_LIMIT_PER_ADDRESS, windowMs, maxKeys, now });
        this.clientAddress = clientAddress;
    }

    /**
     * Counts the request; when over a limit, answers 429 with Retry-After and returns false.
     * Call it after the body parser (the conversation id is in the body) and before the adapter.
     */
    check(req: Request, res: Response): boolean {
        const address = this.clientAddress(req);
        const byAddress = this.perAddress.take(address);
        if (!byAddress.allowed) return this.reject(res, byAddress, 'address', { address }, byAddress.firstRejectionThisWindow);
        const key = conversationKey(req.body);
        if (key === undefined) return true;
        const byConversation = this.perConversation.take(key);
        if (!byConversation.allowed) {
            const [channelId, conversationId] = key.split('\n');
            return this.reject(res, byConversation, 'conversation', { channelId, conversationId }, byConversation.firstRejectionThisWindow);
        }
        return true;
    }

    /**
     * The check as a restify handler for server.use (only requests routed to POST /api/messages).
     * It must run after routing, where req.getRoute() names the matched route: not in server.pre.
     */
    readonly handler = (req: Request, res: Response, next: Next): void => {
        if (!isMessagesRoute(req)) return next();
        if (this.check(req, res)) return next();
        return next(false);
    };

    private reject(res: Response, decision: { retryAfterSeconds: number }, scope: 'address' | 'conversation', fields: Record<string, unknown>, warn = false): false {
        const { retryAfterSeconds } = decision;
        (warn ? this.log.warn : this.log.debug).call(this.log, { ...fields, scope, retryAfterSeconds }, 'rate limit reached');
        res.header('Retry-After', String(retryAfterSeconds));
        res.status(429);
        res.json({
            code: 'TooManyRequests',
            message:
                scope === 'conversation'
                    ? `Too many messages in this conversation; try again in ${retryAfterSeconds} s.`
                    : `Too many requests from this address; try again in ${retryAfterSeconds} s.`
        });
        return false;
    }
}
