// What retention and person-data deletion need from a transcript store, beyond botbuilder's
// TranscriptStore: which channels it holds, and removing some activities of one transcript.
import type { Activity, TranscriptInfo, TranscriptStore } from 'botbuilder';

export interface ManagedTranscriptStore extends TranscriptStore {
    /** The channel ids that have at least one transcript. */
    listChannels(): Promise<string[]>;
    /**
     * Removes the activities for which `remove` is true and keeps the rest in order; deletes the
     * transcript when nothing is left. Returns how many were removed.
     */
    removeActivities(channelId: string, conversationId: string, remove: (activity: Activity) => boolean): Promise<number>;
}

/** Every transcript of a channel, following continuation tokens (bounded against a looping store). */
export async function allTranscripts(store: TranscriptStore, channelId: string, maxPages = 100_000): Promise<TranscriptInfo[]> {
    const all: TranscriptInfo[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
        const result = await store.listTranscripts(channelId, token);
        all.push(...result.items);
        if (!result.continuationToken || result.continuationToken === token) break;
        token = result.continuationToken;
    }
    return all;
}

/** Every activity of one transcript, in order. */
export async function allActivities(store: TranscriptStore, channelId: string, conversationId: string, maxPages = 100_000): Promise<Activity[]> {
    const all: Activity[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
        const result = await store.getTranscriptActivities(channelId, conversationId, token);
        all.push(...result.items);
        if (!result.continuationToken || result.continuationToken === token) break;
        token = result.continuationToken;
    }
    return all;
}

/**
 * removeActivities for a store with no way to edit a transcript: read it, delete it, log the kept
 * activities again. An activity logged by a running turn between the read and the delete is lost,
 * so stores that can do it atomically (FileTranscriptStore) do not use this.
 */
export async function rewriteTranscript(
    store: TranscriptStore,
    channelId: string,
    conversationId: string,
    remove: (activity: Activity) => boolean
): Promise<number> {
    const activities = await allActivities(store, channelId, conversationId);
    const kept = activities.filter((a) => !remove(a));
    const removed = activities.length - kept.length;
    if (removed === 0) return 0;
    await store.deleteTranscript(channelId, conversationId);
    for (const activity of kept) await store.logActivity(activity);
    return removed;
}

/** An activity's time as a Date (stores give back Dates or ISO strings), or undefined. */
export function activityTime(activity: Partial<Activity>): Date | undefined {
    const raw = activity.timestamp as Date | string | undefined;
    if (raw === undefined || raw === null) return undefined;
    const date = raw instanceof Date ? raw : new Date(raw);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
