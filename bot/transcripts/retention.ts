// Transcript retention: activities older than TRANSCRIPT_RETENTION_DAYS are deleted by a sweep
// that runs periodically in the bot process. A conversation that is still going (a Teams personal
// chat is one conversation for ever) keeps its recent activities and loses only the old ones; a
// transcript with nothing recent is deleted whole.
import type { Logger } from '../logger';
import { startPeriodicSweep, type PeriodicSweep, type SweepSchedule } from '../periodicSweep';
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

/** The moment (ms since the epoch) before which a record is older than `days`: the one cutoff rule of every retention sweep. */
export function retentionCutoff(now: Date, days: number): number {
    return now.getTime() - days * dayMs;
}

export async function pruneTranscripts(store: ManagedTranscriptStore, now: Date, days: number): Promise<PruneResult> {
    const cutoff = retentionCutoff(now, days);
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

export interface RetentionOptions extends SweepSchedule {
    days: number;
    log: Logger;
    now?: () => Date;
}

export type RetentionTimer = PeriodicSweep<PruneResult>;

/** Starts the periodic sweep. Its timers are unref'd: they never keep the process alive. */
export function startTranscriptRetention(store: ManagedTranscriptStore, { days, log, now = () => new Date(), ...schedule }: RetentionOptions): RetentionTimer {
    return startPeriodicSweep(() => pruneTranscripts(store, now(), days), {
        ...schedule,
        log,
        onResult: (result) => {
            if (result.deletedTranscripts || result.removedActivities) log.info({ ...result, retentionDays: days }, 'transcripts pruned');
        },
        failure: {
            message:
                'transcript retention sweep failed: transcripts older than the retention stay stored until a sweep succeeds (the next runs on schedule); check that the transcript store is reachable and writable',
            fields: { retentionDays: days }
        }
    });
}
