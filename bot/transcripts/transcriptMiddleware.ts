// botbuilder's TranscriptLoggerMiddleware, fed through a logger that
// - stamps each activity with the bot's clock (the channel's own time stays in rawTimestamp), so
//   retention cannot be dodged or triggered by a client writing its own timestamp;
// - runs the security-code redaction once more over the person's activities (text, string
//   attachment contents and string values, such as a card's submitted fields) as a second line
//   behind RedactionMiddleware, which must still run first;
// - never lets a failed write reach the turn, and reports it through pino, not console.error.
// The middleware goes after RedactionMiddleware and TruncateLongTextMiddleware, so what is logged
// is what the rest of the bot saw.
import { TranscriptLoggerMiddleware, type Activity, type TranscriptLogger, type TranscriptStore } from 'botbuilder';
import type { Logger } from '../logger';
import { redactSecurityCodes } from '../privacy/redactSecurityCodes';

function redactDeep(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return redactSecurityCodes(value).text;
    if (depth > 8 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

function fromPerson(activity: Partial<Activity>): boolean {
    return activity.from?.role === 'user' || (activity.from?.role === undefined && activity.recipient?.role === 'bot');
}

/** The copy that is written: the bot's time, and the person's content redacted again. */
export function transcriptCopy(activity: Activity, now = new Date()): Activity {
    const copy: Activity = { ...activity, timestamp: now };
    if (fromPerson(activity)) {
        if (typeof copy.text === 'string') copy.text = redactSecurityCodes(copy.text).text;
        if (copy.value !== undefined) copy.value = redactDeep(copy.value);
        if (copy.attachments) {
            copy.attachments = copy.attachments.map((a) => (typeof a.content === 'string' ? { ...a, content: redactSecurityCodes(a.content).text } : a));
        }
    }
    return copy;
}

export class SafeTranscriptLogger implements TranscriptLogger {
    private readonly pending = new Set<Promise<void>>();

    constructor(
        private readonly store: TranscriptStore,
        private readonly log: Logger
    ) {}

    logActivity(activity: Activity): Promise<void> {
        let copy: Activity;
        try {
            copy = transcriptCopy(activity);
        } catch (err) {
            this.log.warn({ err }, 'transcript: could not copy an activity');
            return Promise.resolve();
        }
        const write = Promise.resolve()
            .then(() => this.store.logActivity(copy))
            .catch((err: unknown) => {
                this.log.warn({ err, conversationId: activity.conversation?.id, channelId: activity.channelId }, 'transcript: could not write an activity');
            })
            .finally(() => this.pending.delete(write));
        this.pending.add(write);
        return write;
    }

    /** Resolves when every write started so far has finished (TranscriptLoggerMiddleware does not wait for them). */
    async flush(): Promise<void> {
        while (this.pending.size > 0) await Promise.all([...this.pending]);
    }
}

export function createTranscriptMiddleware(store: TranscriptStore, log: Logger): { middleware: TranscriptLoggerMiddleware; logger: SafeTranscriptLogger } {
    const logger = new SafeTranscriptLogger(store, log);
    return { middleware: new TranscriptLoggerMiddleware(logger), logger };
}
