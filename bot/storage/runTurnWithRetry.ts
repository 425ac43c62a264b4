// Runs a turn again, on freshly read state, when its save lost an eTag race to another instance
// (see optimisticState.ts). Each attempt's replies are held back and only the successful
// attempt's are sent (replyBuffer.ts).
//
// What a retry cannot undo, so keep it idempotent or do it after the save: side effects outside
// the turn's state and replies, such as appending a feedback record or a proactive message to
// another conversation. A turn is retried only while none of its writes has landed: no store
// writes two keys atomically, and re-running a turn whose conversation state is already saved
// would apply it twice. Save the conversation state first (the one concurrent turns share).
import type { BotState, TurnContext } from 'botbuilder';
import { ETagConflictError, isETagConflict } from './eTagConflict';
import { TURN_WRITES, turnWrites } from './optimisticState';
import { ReplyBuffer } from './replyBuffer';

export interface RetryOptions {
    /** Attempts in all, the first included (default 3). */
    attempts?: number;
    /** The turn's states: read again from storage before each new attempt. */
    states: BotState[];
    /** Told of each conflict that leads to another attempt (for logs and metrics). */
    onRetry?(error: unknown, attempt: number, context: TurnContext): void;
    /** Pause before attempt n (default: 20–50 ms times n, jittered so racing instances part ways). */
    backoffMs?(attempt: number): number;
}

export type Turn = (context: TurnContext) => Promise<void>;

/** Wraps `turn` (for example `(context) => bot.run(context)`) so an eTag conflict re-runs it. */
export function runTurnWithRetry(turn: Turn, options: RetryOptions): Turn {
    const { attempts = 3, states, onRetry, backoffMs = (n) => n * (20 + Math.random() * 30) } = options;
    if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, not ${attempts}`);

    return async (context) => {
        // The turn may edit the incoming activity (mention removal, redaction); each attempt starts from the original.
        const original = clone(context.activity);
        const replies = ReplyBuffer.for(context);
        for (let attempt = 1; ; attempt += 1) {
            context.turnState.set(TURN_WRITES, []);
            replies.hold();
            try {
                await turn(context);
            } catch (err) {
                if (!isETagConflict(err)) {
                    // An ordinary failure: send what the turn said before it, as it would have without retries.
                    await replies.flush();
                    throw err;
                }
                replies.discard();
                const written = turnWrites(context);
                if (written.length > 0 || attempt >= attempts) {
                    throw err instanceof ETagConflictError ? err : new ETagConflictError(conflictKey(err), written, { cause: err });
                }
                onRetry?.(err, attempt, context);
                await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt + 1)));
                restore(context.activity, original);
                for (const state of states) await state.load(context, true);
                continue;
            }
            await replies.flush();
            return;
        }
    };
}

function clone<T>(value: T): T {
    try {
        return structuredClone(value);
    } catch {
        // An activity a middleware decorated with something uncloneable (a function): JSON keeps the data.
        return JSON.parse(JSON.stringify(value)) as T;
    }
}

function restore(target: object, original: object): void {
    const t = target as Record<string, unknown>;
    for (const key of Object.keys(t)) if (!(key in original)) delete t[key];
    Object.assign(t, clone(original));
}

function conflictKey(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    return /"([^"]*)"/.exec(message)?.[1] ?? '(unknown key)';
}
