// The built-in Direct Line's memory: conversations, their activities and their tokens.
//
// Everything lives in this process and is gone at a restart (the bot's own state is not: it is
// in the configured storage, so a person who reconnects after a restart starts a new Web Chat
// conversation but keeps their user profile). Limits, so a busy or abused endpoint cannot grow
// without bound:
//   - at most `maxConversations` conversations (default 1,000); opening one more drops the one
//     idle the longest;
//   - a conversation with no activity for `idleMinutes` (default 60) is dropped, tokens and all;
//   - a conversation keeps its last `maxActivities` activities (default 500); watermarks stay
//     absolute, so a client that polls keeps its place when older ones are dropped;
//   - a token lives `tokenSeconds` (default 1,800, as Azure's Direct Line tokens do); refreshing
//     it gives a new one and leaves the old one valid until it expires (at most 5 live tokens a
//     conversation).
import { createHmac, randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface DirectLineLimits {
    maxConversations: number;
    idleMinutes: number;
    maxActivities: number;
    tokenSeconds: number;
    /** A conversation polled or posted to this recently is in use and never evicted for a new one. */
    activeSeconds: number;
    /** The largest activity a client may post, in bytes of JSON. */
    maxActivityBytes: number;
    /** The bytes (JSON) a conversation's stored activities may take; half of it for the client's own. */
    maxConversationBytes: number;
}

/** Live tokens kept per conversation (a page refreshes every 15 minutes; a reload asks for one more). */
const maxTokensPerConversation = 5;

export const defaultDirectLineLimits: DirectLineLimits = {
    maxConversations: 1000,
    idleMinutes: 60,
    maxActivities: 500,
    tokenSeconds: 1800,
    activeSeconds: 300,
    maxActivityBytes: 32 * 1024,
    maxConversationBytes: 256 * 1024
};

/** How long a conversation nobody has started yet counts as in use (the page starts it right after the token). */
const unstartedSeconds = 30;

/** The share of a conversation's bytes the client's own activities may take. */
const clientShare = 0.5;

export interface DirectLineConversation {
    readonly id: string;
    readonly userId: string;
    /** True once a client has POSTed /conversations and the bot has been told about it. */
    started: boolean;
    /** The page's locale when it asked for the conversation: the welcome is in its language. */
    readonly locale?: string;
    lastActive: number;
    /** Turns of one conversation run one after another, as one person types them. */
}

interface ConversationRecord extends DirectLineConversation {
    /** In delivery order; `seq` counts from the conversation's start and is what a watermark names. */
    activities: StoredActivity[];
    nextSeq: number;
    tokens: Set<string>;
    /** Bytes of the stored activities, and of those among them that the client posted. */
    bytes: number;
    clientBytes: number;
}

interface StoredActivity {
    seq: number;
    activity: Partial<Activity>;
    bytes: number;
    fromClient: boolean;
}

export interface IssuedToken {
    conversationId: string;
    token: string;
    expires_in: number;
}

export type DirectLineErrorStatus = 403 | 404 | 413 | 429 | 503;
export type DirectLineErrorCode = 'TokenExpired' | 'BadToken' | 'NotFound' | 'ActivityTooLarge' | 'ConversationFull' | 'TooManyRequests' | 'TooManyConversations';

/** Why a request was refused, in Direct Line's own error shape. */
export class DirectLineError extends Error {
    constructor(
        readonly status: DirectLineErrorStatus,
        readonly code: DirectLineErrorCode,
        message: string,
        /** For 429 and 503: when trying again makes sense (send it as Retry-After). */
        readonly retryAfterSeconds?: number
    ) {
        super(message);
        this.name = 'DirectLineError';
    }

    /** restify answers an error thrown from a route with its statusCode and JSON: {code, message}. */
    get statusCode(): number {
        return this.status;
    }

    toJSON(): { code: string; message: string } {
        return { code: this.code, message: this.message };
    }
}

export class DirectLineStore {
    private readonly conversations = new Map<string, ConversationRecord>();
    private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();

    constructor(
        readonly limits: DirectLineLimits = defaultDirectLineLimits,
        private readonly now: () => number = Date.now
    ) {}

    get size(): number {
        return this.conversations.size;
    }

    /**
     * A new, not yet started conversation for this user, and a token for it. When the store is
     * full and every conversation is in use, throws a DirectLineError (503 TooManyConversations).
     */
    open(userId: string, locale?: string): IssuedToken {
        this.sweep();
        if (this.conversations.size >= this.limits.maxConversations) this.dropIdlestUnused();
        const id = randomId(16);
        this.conversations.set(id, {
            id,
            userId,
            started: false,
            ...(locale ? { locale } : {}),
            lastActive: this.now(),
            activities: [],
            nextSeq: 0,
            tokens: new Set(),
            bytes: 0,
            clientBytes: 0
        });
        return this.issueToken(id);
    }

    /** The conversation a token was issued for (403 when it is unknown or has expired). */
    conversationOfToken(token: string | undefined): DirectLineConversation {
        const entry = token ? this.tokens.get(token) : undefined;
        if (!entry) throw new DirectLineError(403, 'BadToken', 'The token is not valid. Ask the page for a new one.');
        if (entry.expiresAt <= this.now()) {
            this.tokens.delete(token!);
            throw new DirectLineError(403, 'TokenExpired', 'The token has expired. Ask the page for a new one.');
        }
        const conversation = this.conversations.get(entry.conversationId);
        if (!conversation) throw new DirectLineError(404, 'NotFound', 'The conversation has ended.');
        return conversation;
    }

    /** The conversation, checked against the token (404 unknown conversation, 403 wrong or expired token). */
    authorize(conversationId: string, token: string | undefined): DirectLineConversation {
        const conversation = this.conversations.get(conversationId);
        if (!conversation) throw new DirectLineError(404, 'NotFound', 'There is no such conversation (it may have ended).');
        const owner = this.conversationOfToken(token);
        if (owner.id !== conversationId) throw new DirectLineError(403, 'BadToken', 'The token is for another conversation.');
        return conversation;
    }

    get(conversationId: string): DirectLineConversation | undefined {
        return this.conversations.get(conversationId);
    }

    /** A fresh token for the conversation the given token belongs to. */
    refresh(token: string | undefined): IssuedToken {
        return this.issueToken(this.conversationOfToken(token).id);
    }

    issueToken(conversationId: string): IssuedToken {
        const conversation = this.record(conversationId);
        const expiresAt = this.now() + this.limits.tokenSeconds * 1000;
        const token = tokenFor(conversation, expiresAt);
        this.tokens.set(token, { conversationId, expiresAt });
        conversation.tokens.add(token);
        // Expired tokens of this conversation go as new ones come, and so do all but the newest few.
        for (const old of conversation.tokens) {
            const entry = this.tokens.get(old);
            if (!entry || entry.expiresAt <= this.now() || conversation.tokens.size > maxTokensPerConversation) {
                conversation.tokens.delete(old);
                this.tokens.delete(old);
            }
        }
        return { conversationId, token, expires_in: this.limits.tokenSeconds };
    }

    /**
     * Adds an activity with the next id ("<conversation>|0000007") and returns that id. A client's
     * activity over its byte budgets is refused (DirectLineError 413) and not stored.
     */
    append(conversationId: string, activity: Partial<Activity>, { fromClient = false }: { fromClient?: boolean } = {}): string {
        const conversation = this.record(conversationId);
        const id = `${conversationId}|${String(conversation.nextSeq).padStart(7, '0')}`;
        const stored = { ...activity, id };
        const bytes = this.checkedSize(conversation, stored, fromClient);
        this.push(conversation, stored, bytes, fromClient);
        return id;
    }

    /** Delivers a changed activity again under its own id (Web Chat replaces the one it shows). */
    update(conversationId: string, activity: Partial<Activity> & { id: string }): boolean {
        const conversation = this.record(conversationId);
        const index = conversation.activities.findIndex((a) => a.activity.id === activity.id);
        if (index < 0) return false;
        const bytes = this.checkedSize(conversation, activity, false);
        this.forget(conversation, index);
        this.push(conversation, activity, bytes, false);
        return true;
    }

    /** Forgets an activity: clients that poll later do not get it (a page that shows it keeps it). */
    remove(conversationId: string, activityId: string): boolean {
        const conversation = this.record(conversationId);
        const index = conversation.activities.findIndex((a) => a.activity.id === activityId);
        if (index < 0) return false;
        this.forget(conversation, index);
        return true;
    }

    /** Bytes a conversation's stored activities take (JSON), and the client's share of them. */
    bytesOf(conversationId: string): { bytes: number; clientBytes: number } {
        const { bytes, clientBytes } = this.record(conversationId);
        return { bytes, clientBytes };
    }

    /** Activities after the watermark (all of them without one), and the watermark to send next. */
    activitiesAfter(conversationId: string, watermark: string | undefined): { activities: Partial<Activity>[]; watermark: string } {
        const conversation = this.record(conversationId);
        conversation.lastActive = this.now();
        const from = Math.max(0, Number.parseInt(watermark ?? '', 10) || 0);
        const activities = conversation.activities.filter((a) => a.seq >= from).map((a) => a.activity);
        return { activities, watermark: String(Math.max(from, conversation.nextSeq)) };
    }

    /** Drops conversations idle for longer than the limit, and expired tokens. */
    sweep(): void {
        const now = this.now();
        const idleBefore = now - this.limits.idleMinutes * 60_000;
        for (const conversation of this.conversations.values()) if (conversation.lastActive < idleBefore) this.drop(conversation);
        for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    }

    clear(): void {
        this.conversations.clear();
        this.tokens.clear();
    }

    /** The activity's size in bytes of JSON, or a DirectLineError (413) when it may not be stored. */
    private checkedSize(conversation: ConversationRecord, activity: Partial<Activity>, fromClient: boolean): number {
        const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
        const { maxActivityBytes, maxConversationBytes } = this.limits;
        const kib = (n: number) => `${Math.floor(n / 1024)} KB`;
        if (fromClient && bytes > maxActivityBytes) {
            throw new DirectLineError(413, 'ActivityTooLarge', `The activity is ${kib(bytes)}; at most ${kib(maxActivityBytes)} is accepted. Send a shorter message.`);
        }
        if (fromClient && conversation.clientBytes + bytes > maxConversationBytes * clientShare) {
            throw new DirectLineError(413, 'ConversationFull', 'This conversation holds as much as it can. Reload the page to start a new conversation.');
        }
        // The bot's own activities push older ones out; only one larger than the whole share cannot fit.
        if (bytes > maxConversationBytes * (1 - clientShare)) {
            throw new DirectLineError(413, 'ActivityTooLarge', `The activity is ${kib(bytes)}; a conversation holds at most ${kib(maxConversationBytes)}.`);
        }
        return bytes;
    }

    private push(conversation: ConversationRecord, activity: Partial<Activity>, bytes: number, fromClient: boolean): void {
        conversation.activities.push({ seq: conversation.nextSeq, activity, bytes, fromClient });
        conversation.nextSeq += 1;
        conversation.bytes += bytes;
        if (fromClient) conversation.clientBytes += bytes;
        conversation.lastActive = this.now();
        while (conversation.activities.length > this.limits.maxActivities || conversation.bytes > this.limits.maxConversationBytes) {
            this.forget(conversation, 0);
        }
    }

    private forget(conversation: ConversationRecord, index: number): void {
        const [gone] = conversation.activities.splice(index, 1);
        if (!gone) return;
        conversation.bytes -= gone.bytes;
        if (gone.fromClient) conversation.clientBytes -= gone.bytes;
    }

    /**
     * Makes room by dropping the conversation that stopped being in use first, if one has;
     * else refuses the new one (503). A conversation never started (a token nobody used: the page
     * starts its conversation at once) stops being in use sooner than one a person talks in.
     */
    private dropIdlestUnused(): void {
        const now = this.now();
        let first: { conversation: ConversationRecord; until: number } | undefined;
        for (const conversation of this.conversations.values()) {
            const seconds = conversation.started ? this.limits.activeSeconds : Math.min(this.limits.activeSeconds, unstartedSeconds);
            const until = conversation.lastActive + seconds * 1000;
            if (!first || until < first.until) first = { conversation, until };
        }
        if (!first) return;
        if (first.until > now) {
            const retryAfterSeconds = Math.max(1, Math.ceil((first.until - now) / 1000));
            throw new DirectLineError(503, 'TooManyConversations', `Every chat line is busy. Please try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
        }
        this.drop(first.conversation);
    }

    private drop(conversation: ConversationRecord): void {
        for (const token of conversation.tokens) this.tokens.delete(token);
        this.conversations.delete(conversation.id);
    }

    private record(conversationId: string): ConversationRecord {
        const conversation = this.conversations.get(conversationId);
        if (!conversation) throw new DirectLineError(404, 'NotFound', 'There is no such conversation (it may have ended).');
        return conversation;
    }
}

/** URL-safe random text: `bytes` bytes of entropy. */
export function randomId(bytes: number): string {
    return randomBytes(bytes).toString('base64url');
}

const signingKey = randomBytes(32);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token shaped like Azure's: a JWT whose `user` claim Web Chat reads to know who it is (it
 * refuses a "dl_" user id that the token does not carry). This server never trusts the claims:
 * it looks every token up, so the token is as good as its random part.
 */
function tokenFor(conversation: { id: string; userId: string }, expiresAt: number): string {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url({ user: conversation.userId, conv: conversation.id, jti: randomId(16), exp: Math.floor(expiresAt / 1000) });
    const signature = createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
}
