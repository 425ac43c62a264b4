// A Direct Line 3.0 endpoint inside the bot's own server, so Web Chat works with no Azure
// resources: the polling subset Web Chat uses (see DESIGN.md, "Web Chat without Azure"), plus the
// channel-service endpoints the adapter posts the bot's replies to.
//
//   POST /v3/directline/conversations                         start (or rejoin) the token's conversation
//   GET  /v3/directline/conversations/:id                      reconnect to a conversation
//   POST /v3/directline/conversations/:id/activities           the person's activity -> a bot turn
//   GET  /v3/directline/conversations/:id/activities?watermark everything after the watermark
//   POST /v3/directline/tokens/refresh                         a fresh token for the same conversation
//   POST /v3/conversations/:id/activities[/:replyToId]         the bot's replies (from the adapter)
//   PUT|DELETE /v3/conversations/:id/activities/:activityId    update / delete a bot activity
//
// Every person's activity runs through the same CloudAdapter, middleware and bot as
// /api/messages, with a serviceUrl that points back at this server: the adapter then posts the
// replies here, and so does anything that continues the conversation later (a human agent's
// reply). The WebSocket stream is not offered: Web Chat is told `webSocket: false` and polls.
//
// Limits of its own, since these turns never pass the /api/messages limiter: posts per
// conversation and per client address (the RATE_LIMIT_* settings, 429 with Retry-After), and the
// store's byte budgets (413). The channel-service routes the adapter calls carry a random secret
// path segment made when the process starts (ownServiceUrl()): a local caller that does not
// know it (a sidecar, a proxy on the host) cannot inject "bot" messages.
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { conversationKeyOf } from '../conversationKey';
import type { Logger } from '../logger';
import type { Readiness } from '../readiness';
import { clientAddressKey } from '../security/clientAddress';
import { SlidingWindowLimiter } from '../security/rateLimiter';
import { DirectLineError, DirectLineStore, randomId, type DirectLineConversation, type IssuedToken } from './directLineStore';
import type { KeyedQueue } from '../storage/keyedQueue';
import { markVerifiedDirectLineUser } from '../webchat/verifiedDirectLineUser';

export interface LocalDirectLineOptions {
    adapter: CloudAdapter;
    readiness: Readiness;
    log: Logger;
    runTurn(context: TurnContext): Promise<void>;
    /** Runs each conversation's turns one at a time, shared with /api/messages. */
    turns: KeyedQueue;
    /** The bot as the conversation names it. */
    bot: { id: string; name: string };
    /** This server's own address, http://127.0.0.1:PORT (known once it listens). */
    serviceUrl(): string;
    /** '' to let the adapter check the turn as usual (no credentials), or a result vouched for here. */
    authentication: string | AuthenticateRequestResult;
    store?: DirectLineStore;
    /** Posts a client may make per window, per conversation and per client address. */
    postLimits?: { perConversation: number; perAddress: number; windowSeconds: number };
}

export const defaultPostLimits = { perConversation: 30, perAddress: 300, windowSeconds: 60 };

/** Where the channel-service routes live: the secret segment follows it. */
const callbackBase = '/directline/callback';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** What Direct Line calls the channel; Web Chat through Azure's Direct Line reports the same. */
export const localChannelId = 'directline';

/** Fields a client may set on the activities it posts; the rest is the channel's to fill in. */
const clientFields = ['type', 'text', 'textFormat', 'locale', 'localTimestamp', 'localTimezone', 'value', 'name', 'channelData', 'attachments', 'entities', 'replyToId'] as const;
const clientTypes = new Set(['message', 'event', 'typing']);
/** What the person is called when the page does not say. */
const visitorName = 'Web Chat visitor';

function bearer(req: Request): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    return match?.[1];
}

function fail(res: Response, status: number, code: string, message: string, retryAfterSeconds?: number): void {
    if (retryAfterSeconds !== undefined) res.header('Retry-After', String(retryAfterSeconds));
    res.status(status);
    res.json({ error: { code, message } });
}

function isLoopback(req: Request): boolean {
    const address = req.socket?.remoteAddress ?? '';
    return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export class LocalDirectLine {
    readonly store: DirectLineStore;
    private readonly postsPerConversation: SlidingWindowLimiter;
    private readonly postsPerAddress: SlidingWindowLimiter;
    /** Made when the process starts, never logged; the adapter learns it from ownServiceUrl(). */
    private readonly callbackSecret = randomId(32);

    constructor(private readonly options: LocalDirectLineOptions) {
        this.store = options.store ?? new DirectLineStore();
        const { perConversation, perAddress, windowSeconds } = options.postLimits ?? defaultPostLimits;
        this.postsPerConversation = new SlidingWindowLimiter({ limit: perConversation, windowMs: windowSeconds * 1000 });
        this.postsPerAddress = new SlidingWindowLimiter({ limit: perAddress, windowMs: windowSeconds * 1000 });
    }

    /**
     * The serviceUrl this Direct Line gives the adapter, secret path segment included: replies to
     * it are the only ones its channel-service routes accept. A serviceUrl allow-list must
     * include it. Empty until the server listens.
     */
    ownServiceUrl(): string {
        const base = this.options.serviceUrl();
        return base ? `${base}${callbackBase}/${this.callbackSecret}` : '';
    }

    private hasCallbackSecret(req: Request): boolean {
        const given = (req.params as { secret?: unknown } | undefined)?.secret;
        return timingSafeEqual(digest(typeof given === 'string' ? given : ''), digest(this.callbackSecret));
    }

    /** A new conversation for this user and a token for it (what /api/directline/token hands the page). */
    open(userId: string, locale?: string): IssuedToken {
        return this.store.open(userId, locale);
    }

    /** A fresh token for an existing conversation of this user, if the old token still opens it. */
    resume(userId: string, conversationId: string, token: string): IssuedToken | undefined {
        try {
            const conversation = this.store.authorize(conversationId, token);
            return conversation.userId === userId ? this.store.issueToken(conversation.id) : undefined;
        } catch {
            return undefined;
        }
    }

    addRoutes(server: Server): void {
        const guard = (handler: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response) => {
            try {
                await handler(req, res);
            } catch (err) {
                if (err instanceof DirectLineError) return fail(res, err.status, err.code, err.message, err.retryAfterSeconds);
                this.options.log.error({ err }, 'direct line request failed');
                if (!res.headersSent) fail(res, 500, 'ServiceError', 'Something went wrong on our side. Please try again.');
            }
        };
        const base = '/v3/directline';
        server.post(`${base}/conversations`, guard((req, res) => this.startConversation(req, res)));
        server.get(`${base}/conversations/:conversationId`, guard((req, res) => this.reconnect(req, res)));
        server.post(`${base}/conversations/:conversationId/activities`, guard((req, res) => this.postActivity(req, res)));
        server.get(`${base}/conversations/:conversationId/activities`, guard((req, res) => this.getActivities(req, res)));
        server.post(`${base}/tokens/refresh`, guard((req, res) => this.refreshToken(req, res)));

        // The channel service the adapter calls. Only the bot in this process may call it: from
        // this machine (the serviceUrl is this server's loopback address) and with the secret
        // path segment of ownServiceUrl().
        const channel = (handler: (req: Request, res: Response) => void) =>
            guard((req, res) => (isLoopback(req) && this.hasCallbackSecret(req) ? handler(req, res) : fail(res, 403, 'Forbidden', 'Only the bot in this process posts here.')));
        const callback = `${callbackBase}/:secret/v3/conversations/:conversationId/activities`;
        server.post(callback, channel((req, res) => this.botActivity(req, res)));
        server.post(`${callback}/:activityId`, channel((req, res) => this.botActivity(req, res)));
        server.put(`${callback}/:activityId`, channel((req, res) => this.updateBotActivity(req, res)));
        server.del(`${callback}/:activityId`, channel((req, res) => this.deleteBotActivity(req, res)));
        // The paths without the secret, where these routes used to be: refused, not 404, so a
        // caller that relied on them learns why.
        const refused = guard((_req, res) => fail(res, 403, 'Forbidden', 'The bot posts its replies to the serviceUrl it was given, which carries this process\'s secret.'));
        server.post('/v3/conversations/:conversationId/activities', refused);
        server.post('/v3/conversations/:conversationId/activities/:activityId', refused);
        server.put('/v3/conversations/:conversationId/activities/:activityId', refused);
        server.del('/v3/conversations/:conversationId/activities/:activityId', refused);
    }

    /** Counts a post against the client's address and its conversation; a DirectLineError 429 when over. */
    private takePost(req: Request, conversationId: string | undefined): void {
        const limiter = conversationId === undefined ? this.postsPerAddress : this.postsPerConversation;
        const decision = limiter.take(conversationId ?? clientAddressKey(req));
        if (decision.allowed) return;
        const { retryAfterSeconds } = decision;
        if (decision.firstRejectionThisWindow) this.options.log.warn({ scope: conversationId === undefined ? 'address' : 'conversation', conversationId, retryAfterSeconds }, 'direct line rate limit reached');
        throw new DirectLineError(
            429,
            'TooManyRequests',
            conversationId === undefined ? `Too many messages from this address; try again in ${retryAfterSeconds} s.` : `Too many messages in this conversation; try again in ${retryAfterSeconds} s.`,
            retryAfterSeconds
        );
    }

    private conversationReply(conversation: DirectLineConversation, token: string) {
        return { conversationId: conversation.id, token, expires_in: this.store.limits.tokenSeconds };
    }

    private async startConversation(req: Request, res: Response): Promise<void> {
        const token = bearer(req);
        const conversation = this.store.conversationOfToken(token);
        const isNew = !conversation.started;
        await this.ensureStarted(conversation);
        res.status(isNew ? 201 : 200);
        res.json(this.conversationReply(conversation, token!));
    }

    private async reconnect(req: Request, res: Response): Promise<void> {
        const token = bearer(req);
        const conversation = this.store.authorize(req.params.conversationId, token);
        await this.ensureStarted(conversation);
        res.json(this.conversationReply(conversation, token!));
    }

    private refreshToken(req: Request, res: Response): void {
        res.json(this.store.refresh(bearer(req)));
    }

    private getActivities(req: Request, res: Response): void {
        const conversation = this.store.authorize(req.params.conversationId, bearer(req));
        const watermark = (req.query as { watermark?: string } | undefined)?.watermark;
        res.json(this.store.activitiesAfter(conversation.id, watermark));
    }

    private async postActivity(req: Request, res: Response): Promise<void> {
        // The address first, so junk without a valid token counts too; the conversation once the
        // token proves it, so nobody can spend another conversation's budget.
        this.takePost(req, undefined);
        const conversation = this.store.authorize(req.params.conversationId, bearer(req));
        this.takePost(req, conversation.id);
        if (!this.options.readiness.isReady) {
            res.header('Retry-After', '5');
            return fail(res, 503, 'ServiceUnavailable', 'The bot is starting or shutting down; try again in a few seconds.');
        }
        if (!req.is('json')) return fail(res, 415, 'BadArgument', 'Send the activity as JSON with Content-Type: application/json.');
        const body = req.body as Record<string, unknown> | undefined;
        if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string' || !clientTypes.has(body.type)) {
            return fail(res, 400, 'BadArgument', `The activity needs a type: ${[...clientTypes].join(', ')}.`);
        }
        const fromClient = Object.fromEntries(clientFields.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])) as Partial<Activity>;
        const name = (body.from as { name?: unknown } | undefined)?.name;
        const activity: Partial<Activity> = {
            ...fromClient,
            channelId: localChannelId,
            conversation: { id: conversation.id } as Activity['conversation'],
            // The token says who this is, whatever the body claims.
            from: { id: conversation.userId, name: typeof name === 'string' && name ? name : visitorName, role: 'user' },
            recipient: { ...this.options.bot, role: 'bot' },
            timestamp: new Date()
        };
        await this.ensureStarted(conversation);
        const id = this.store.append(conversation.id, activity, { fromClient: true });
        try {
            // The bot gets its own copy (middleware may rewrite it) and the address to answer at,
            // which the page has no need to see.
            await this.runTurn(conversation, { ...structuredClone(activity), id, serviceUrl: this.ownServiceUrl() });
        } catch (err) {
            this.options.log.error({ err, conversationId: conversation.id }, 'local direct line turn failed');
            return fail(res, 502, 'BotError', 'The bot could not process the message. Please try again.');
        }
        res.json({ id });
    }

    private botActivity(req: Request, res: Response): void {
        const conversationId = req.params.conversationId as string;
        const activity = (req.body ?? {}) as Partial<Activity>;
        if (!this.store.get(conversationId)) return fail(res, 404, 'NotFound', 'There is no such conversation (it may have ended).');
        // Azure's Direct Line does not pass trace activities on to clients, and neither does this.
        if (activity.type === 'trace') return void res.json({ id: '' });
        const id = this.store.append(conversationId, this.asDelivered(conversationId, activity, req.params.activityId));
        res.json({ id });
    }

    private updateBotActivity(req: Request, res: Response): void {
        const { conversationId, activityId } = req.params as { conversationId: string; activityId: string };
        if (!this.store.get(conversationId)) return fail(res, 404, 'NotFound', 'There is no such conversation (it may have ended).');
        const activity = { ...this.asDelivered(conversationId, (req.body ?? {}) as Partial<Activity>, undefined), id: activityId };
        if (!this.store.update(conversationId, activity)) return fail(res, 404, 'NotFound', 'There is no such activity.');
        res.json({ id: activityId });
    }

    private deleteBotActivity(req: Request, res: Response): void {
        const { conversationId, activityId } = req.params as { conversationId: string; activityId: string };
        if (!this.store.get(conversationId) || !this.store.remove(conversationId, activityId)) return fail(res, 404, 'NotFound', 'There is no such activity.');
        res.status(200);
        res.json({});
    }

    /** A bot activity as clients get it: from the bot, in this conversation, stamped now. */
    private asDelivered(conversationId: string, activity: Partial<Activity>, replyToId: string | undefined): Partial<Activity> {
        const { serviceUrl: _serviceUrl, ...rest } = activity;
        return {
            ...rest,
            channelId: localChannelId,
            conversation: { id: conversationId } as Activity['conversation'],
            from: { ...this.options.bot, ...(activity.from ?? {}), role: 'bot' },
            timestamp: new Date(),
            ...(replyToId ? { replyToId } : {})
        };
    }

    /** The first time a client starts the conversation, the bot hears that the person joined (and says hello). */
    private async ensureStarted(conversation: DirectLineConversation): Promise<void> {
        if (conversation.started) return;
        conversation.started = true;
        const user = { id: conversation.userId, name: visitorName, role: 'user' };
        try {
            await this.runTurn(conversation, {
                type: 'conversationUpdate',
                id: `${conversation.id}|start`,
                channelId: localChannelId,
                serviceUrl: this.ownServiceUrl(),
                conversation: { id: conversation.id } as Activity['conversation'],
                from: user,
                recipient: { ...this.options.bot, role: 'bot' },
                membersAdded: [user, { ...this.options.bot, role: 'bot' }],
                ...(conversation.locale ? { locale: conversation.locale } : {}),
                timestamp: new Date()
            });
        } catch (err) {
            this.options.log.error({ err, conversationId: conversation.id }, 'local direct line could not start the conversation');
        }
    }

    /** One turn through the shared adapter; a conversation's turns run in order. */
    private runTurn(conversation: DirectLineConversation, activity: Partial<Activity>): Promise<void> {
        const { adapter, runTurn, readiness, authentication, turns } = this.options;
        // The turn is this conversation's user's: the desk may trust it for a signed-in agent.
        markVerifiedDirectLineUser(activity, conversation.userId);
        // Counted from the moment it is queued, so a shutdown waits for queued turns too.
        const key = conversationKeyOf(localChannelId, conversation.id);
        return readiness.track(() => turns.run(key, () => adapter.processActivityDirect(authentication, activity as Activity, runTurn)));
    }
}

export function addLocalDirectLine(server: Server, options: LocalDirectLineOptions): LocalDirectLine {
    const directLine = new LocalDirectLine(options);
    directLine.addRoutes(server);
    return directLine;
}
