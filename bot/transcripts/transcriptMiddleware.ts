// Records each turn into the transcript store. Modelled on botbuilder's TranscriptLoggerMiddleware
// (which hands incoming and outgoing activities to one logActivity, and so can only tell them
// apart by the client-written `from.role`), with these differences:
// - who sent an activity is decided here: the turn's incoming activity is the person's, whatever
//   role it claims; what is sent through the turn context is the bot's;
// - what is stored is an allow-list of fields (transcriptCopy), and everything the person sent is
//   redacted again, as a second line behind RedactionMiddleware, which must still run first;
// - each activity is stamped with the bot's clock (the channel's own time is not kept), so
//   retention cannot be dodged or triggered by a client writing its own timestamp;
// - a failed write never reaches the turn, and is reported through pino, not console.error.
// The middleware goes after RedactionMiddleware and TruncateLongTextMiddleware, so what is logged
// is what the rest of the bot saw.
import { ActivityEventNames, ActivityTypes, TurnContext, type Activity, type Middleware, type TranscriptStore } from 'botbuilder';
import type { Logger } from '../logger';
import { redactDeep } from '../privacy/redactDeep';
import { redactSecurityCodes } from '../privacy/redactSecurityCodes';

export type Direction = 'incoming' | 'outgoing';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function account(value: unknown, role: 'user' | 'bot'): { id: string; role: string } {
    return { id: str((value as { id?: unknown } | undefined)?.id) ?? '', role };
}

function members(value: unknown): { id: string }[] | undefined {
    if (!Array.isArray(value)) return undefined;
    return value.map((m) => ({ id: str((m as { id?: unknown } | undefined)?.id) ?? '' }));
}

/**
 * The copy that is stored: the fields a transcript needs (to read the conversation back, to find a
 * person's activities for deletion, to apply retention) and no others. Names, channelData,
 * entities, speech, summaries, URLs and client timestamps are dropped. The person's strings are
 * redacted; the bot's are its own words and are kept.
 */
export function transcriptCopy(activity: Partial<Activity>, direction: Direction, now = new Date()): Activity {
    const person = direction === 'incoming';
    const text = (v: unknown) => {
        const s = str(v);
        return s === undefined || !person ? s : redactSecurityCodes(s).text;
    };
    const deep = (v: unknown) => (v === undefined || !person ? v : redactDeep(v).value);
    const conversation = (activity.conversation ?? {}) as unknown as Record<string, unknown>;
    const copy: Record<string, unknown> = {
        type: text(activity.type),
        id: str(activity.id),
        timestamp: now,
        channelId: str(activity.channelId),
        conversation: {
            id: str(conversation.id),
            conversationType: str(conversation.conversationType),
            tenantId: str(conversation.tenantId),
            isGroup: typeof conversation.isGroup === 'boolean' ? conversation.isGroup : undefined
        },
        from: account(activity.from, person ? 'user' : 'bot'),
        recipient: account(activity.recipient, person ? 'bot' : 'user'),
        replyToId: str(activity.replyToId),
        locale: str(activity.locale),
        textFormat: str(activity.textFormat),
        text: text(activity.text),
        name: text(activity.name),
        value: deep(activity.value),
        attachments: Array.isArray(activity.attachments)
            ? activity.attachments.map((a) => ({ contentType: str(a?.contentType), name: text(a?.name), content: deep(a?.content) }))
            : undefined,
        suggestedActions: person ? undefined : activity.suggestedActions,
        inputHint: person ? undefined : str(activity.inputHint),
        membersAdded: members(activity.membersAdded),
        membersRemoved: members(activity.membersRemoved),
        code: str(activity.code)
    };
    for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
    const conv = copy.conversation as Record<string, unknown>;
    for (const key of Object.keys(conv)) if (conv[key] === undefined) delete conv[key];
    return copy as unknown as Activity;
}

/** Writes transcript copies to the store; a failed write is logged and never reaches the turn. */
export class SafeTranscriptLogger {
    private readonly pending = new Set<Promise<void>>();

    constructor(
        private readonly store: TranscriptStore,
        private readonly log: Logger
    ) {}

    logActivity(copy: Activity): Promise<void> {
        const write = Promise.resolve()
            .then(() => this.store.logActivity(copy))
            .catch((err: unknown) => {
                this.log.warn({ err, conversationId: copy.conversation?.id, channelId: copy.channelId }, 'transcript: could not write an activity');
            })
            .finally(() => this.pending.delete(write));
        this.pending.add(write);
        return write;
    }

    /** Resolves when every write started so far has finished (turns do not wait for them). */
    async flush(): Promise<void> {
        while (this.pending.size > 0) await Promise.all([...this.pending]);
    }
}

/** An id for a sent activity the channel gave none (as TranscriptLoggerMiddleware makes them). */
const generatedId = () => `g_${Math.random().toString(36).slice(2, 8)}${Date.now()}`;

export class TranscriptMiddleware implements Middleware {
    constructor(
        private readonly logger: SafeTranscriptLogger,
        private readonly log: Logger
    ) {}

    /** A copy, or undefined (and a warning) when the activity cannot be copied. */
    private copy(activity: Partial<Activity>, direction: Direction): Activity | undefined {
        try {
            return transcriptCopy(activity, direction);
        } catch (err) {
            this.log.warn({ err }, 'transcript: could not copy an activity');
            return undefined;
        }
    }

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const transcript: Activity[] = [];
        const record = (activity: Partial<Activity>, direction: Direction) => {
            const copy = this.copy(activity, direction);
            if (copy) transcript.push(copy);
        };
        const incoming = context.activity;
        // A proactive turn (an agent desk notification) starts from an event no one sent.
        if (incoming && !(incoming.type === ActivityTypes.Event && incoming.name === ActivityEventNames.ContinueConversation)) record(incoming, 'incoming');
        context.onSendActivities(async (_context, activities, sendNext) => {
            const responses = await sendNext();
            activities.forEach((activity, i) => record({ ...activity, id: responses?.[i]?.id ?? activity.id ?? generatedId() }, 'outgoing'));
            return responses;
        });
        context.onUpdateActivity(async (_context, activity, updateNext) => {
            const response = await updateNext();
            record({ ...activity, type: ActivityTypes.MessageUpdate }, 'outgoing');
            return response;
        });
        context.onDeleteActivity(async (_context, reference, deleteNext) => {
            await deleteNext();
            record(TurnContext.applyConversationReference({ type: ActivityTypes.MessageDelete, id: reference.activityId }, reference, false), 'outgoing');
        });
        try {
            await next();
        } finally {
            // In order, after the turn: the store appends them as they come.
            for (const activity of transcript) void this.logger.logActivity(activity);
        }
    }
}

export function createTranscriptMiddleware(store: TranscriptStore, log: Logger): { middleware: TranscriptMiddleware; logger: SafeTranscriptLogger } {
    const logger = new SafeTranscriptLogger(store, log);
    return { middleware: new TranscriptMiddleware(logger, log), logger };
}
