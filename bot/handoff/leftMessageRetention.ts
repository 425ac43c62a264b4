// Retention for messages left for agents: they hold what a customer typed and their case summary,
// so they are kept no longer than transcripts (TRANSCRIPT_RETENTION_DAYS), and the one document
// that holds them all stops growing for ever. A periodic sweep in the bot process removes them,
// whichever storage the bot uses.
import type { Storage } from 'botbuilder';
import type { RetentionOptions } from '../transcripts/retention';
import { leftMessagesDocumentSchema, leftMessagesKey, type LeftMessage } from './deskDocument';
import { DeskStore } from './deskStore';

const dayMs = 24 * 60 * 60 * 1000;

/** Before `cutoff` (ms since the epoch); a message whose time cannot be read is never old: a bad record is kept for a person to look at, not lost. */
function isOlderThan(message: LeftMessage, cutoff: number): boolean {
    const at = Date.parse(message.at);
    return !Number.isNaN(at) && at < cutoff;
}

/** Removes the left messages older than `days` before `now`; returns how many it removed. */
export async function pruneLeftMessages(storage: Storage, now: Date, days: number): Promise<number> {
    const cutoff = now.getTime() - days * dayMs;
    const messages = new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema);
    // Looked at first, so that a sweep with nothing to remove writes nothing: a write would make a
    // customer leaving a message at that moment retry on the changed eTag, for no gain.
    if (!(await messages.read()).leftMessages.some((m) => isOlderThan(m, cutoff))) return 0;
    // Through update, so a message left on another instance meanwhile is kept: the filter is
    // applied again to the fresh document when the write meets a newer eTag.
    return messages.update((document) => {
        const before = document.leftMessages.length;
        document.leftMessages = document.leftMessages.filter((m) => !isOlderThan(m, cutoff));
        return before - document.leftMessages.length;
    });
}

export interface LeftMessageRetentionTimer {
    /** Runs one sweep now and resolves with how many it removed (undefined if it failed); a sweep already running is awaited instead. */
    sweep(): Promise<number | undefined>;
    /** Clears the timers; resolves once a sweep that was running has finished, so storage can be closed after it. */
    stop(): Promise<void>;
}

/** Starts the periodic sweep. Its timers are unref'd: they never keep the process alive. */
export function startLeftMessageRetention(
    storage: Storage,
    { days, log, intervalMs = 6 * 60 * 60 * 1000, firstSweepMs = 60_000, now = () => new Date() }: RetentionOptions
): LeftMessageRetentionTimer {
    let running: Promise<number | undefined> | undefined;
    const sweep = () => {
        running ??= pruneLeftMessages(storage, now(), days)
            .then(
                (removed) => {
                    if (removed) log.info({ removed, retentionDays: days }, 'messages left for agents pruned');
                    return removed;
                },
                (err: unknown) => {
                    log.error(
                        { err, key: leftMessagesKey, retentionDays: days },
                        'left-message retention sweep failed: messages left for agents older than the retention stay stored until a sweep succeeds (the next runs on schedule); check that the storage is reachable and writable'
                    );
                    return undefined;
                }
            )
            .finally(() => {
                running = undefined;
            });
        return running;
    };
    const first = setTimeout(() => void sweep(), firstSweepMs);
    first.unref();
    const interval = setInterval(() => void sweep(), intervalMs);
    interval.unref();
    return {
        sweep,
        async stop() {
            clearTimeout(first);
            clearInterval(interval);
            await running;
        }
    };
}
