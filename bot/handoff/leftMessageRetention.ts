// Retention for messages left for agents: they hold what a customer typed and their case summary,
// so they are kept no longer than transcripts (TRANSCRIPT_RETENTION_DAYS), and the one document
// that holds them all stops growing for ever. A periodic sweep in the bot process removes them,
// whichever storage the bot uses.
import type { Storage } from 'botbuilder';
import { startPeriodicSweep, type PeriodicSweep } from '../periodicSweep';
import { retentionCutoff, type RetentionOptions } from '../transcripts/retention';
import { leftMessagesDocumentSchema, leftMessagesKey, type LeftMessage } from './deskDocument';
import { DeskStore } from './deskStore';

/** Before `cutoff` (ms since the epoch); a message whose time cannot be read is never old: a bad record is kept for a person to look at, not lost. */
function isOlderThan(message: LeftMessage, cutoff: number): boolean {
    const at = Date.parse(message.at);
    return !Number.isNaN(at) && at < cutoff;
}

/** Removes the left messages older than `days` before `now`; returns how many it removed. */
export async function pruneLeftMessages(storage: Storage, now: Date, days: number): Promise<number> {
    const cutoff = retentionCutoff(now, days);
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

export type LeftMessageRetentionTimer = PeriodicSweep<number>;

/** Starts the periodic sweep. Its timers are unref'd: they never keep the process alive. */
export function startLeftMessageRetention(storage: Storage, { days, log, now = () => new Date(), ...schedule }: RetentionOptions): LeftMessageRetentionTimer {
    return startPeriodicSweep(() => pruneLeftMessages(storage, now(), days), {
        ...schedule,
        log,
        onResult: (removed) => {
            if (removed) log.info({ removed, retentionDays: days }, 'messages left for agents pruned');
        },
        failure: {
            message:
                'left-message retention sweep failed: messages left for agents older than the retention stay stored until a sweep succeeds (the next runs on schedule); check that the storage is reachable and writable',
            fields: { key: leftMessagesKey, retentionDays: days }
        }
    });
}
