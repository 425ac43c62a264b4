// Transcript retention: activities older than TRANSCRIPT_RETENTION_DAYS are deleted by a sweep
// that runs periodically in the bot process. A conversation that is still going (a Teams personal
// chat is one conversation for ever) keeps its recent activities and loses only the old ones; a
// transcript with nothing recent is deleted whole.
import type { Logger } from '../logger';
import { activityTime, allActivities, allTranscripts, type ManagedTranscriptStore } from './managedTranscriptStore';

export interface PruneResult {
    /** Transcripts deleted whole. */
    deletedTranscripts: number;
    /** Old activities removed from transcripts that also had recent ones. */
    removedActivities: number;
    /** Transcripts looked at. */
    examined: number;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function pruneTranscripts(store: ManagedTranscriptStore, now: Date, days: number): Promise<PruneResult> {
    const cutoff = now.getTime() - days * dayMs;
    const result: PruneResult = { deletedTranscripts: 0, removedActivities: 0, examined: 0 };
    const isOld = (activity: Parameters<Parameters<ManagedTranscriptStore['removeActivities']>[2]>[0]) => (activityTime(activity)?.getTime() ?? 0) < cutoff;
    for (const channelId of await store.listChannels()) {
        // Listed first, then changed: deleting while paging would shift the pages.
        for (const transcript of await allTranscripts(store, channelId)) {
            result.examined += 1;
            // Its first activity is newer than the cutoff, so all are.
            if (transcript.created.getTime() >= cutoff) continue;
            const activities = await allActivities(store, channelId, transcript.id);
            const old = activities.filter(isOld).length;
            if (old === 0) continue;
            if (old === activities.length) {
                await store.deleteTranscript(channelId, transcript.id);
                result.deletedTranscripts += 1;
            } else {
                result.removedActivities += await store.removeActivities(channelId, transcript.id, isOld);
            }
        }
    }
    return result;
}

export interface RetentionOptions {
    days: number;
    log: Logger;
    /** Between sweeps (default 6 h). */
    intervalMs?: number;
    /** Before the first sweep (default 1 min: not on the start-up path). */
    firstSweepMs?: number;
    now?: () => Date;
}

export interface RetentionTimer {
    /** Runs one sweep now (resolves when done; a sweep already running is awaited instead). */
    sweep(): Promise<PruneResult | undefined>;
    stop(): void;
}

/** Starts the periodic sweep. Its timers are unref'd: they never keep the process alive. */
export function startTranscriptRetention(store: ManagedTranscriptStore, { days, log, intervalMs = 6 * 60 * 60 * 1000, firstSweepMs = 60_000, now = () => new Date() }: RetentionOptions): RetentionTimer {
    let running: Promise<PruneResult | undefined> | undefined;
    const sweep = () => {
        running ??= pruneTranscripts(store, now(), days)
            .then(
                (result) => {
                    if (result.deletedTranscripts || result.removedActivities) log.info({ ...result, retentionDays: days }, 'transcripts pruned');
                    return result;
                },
                (err: unknown) => {
                    log.error({ err }, 'transcript retention sweep failed');
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
        stop() {
            clearTimeout(first);
            clearInterval(interval);
        }
    };
}
