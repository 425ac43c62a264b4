// Deletes what the bot keeps about one person (a channel user id): their transcripts, their user
// state, the state of their one-to-one conversations, the feedback records of their cases, and
// what the agent desk holds of them (their place in the queue, a live chat, messages they left).
// `npm run data:delete -- --user <id> [--channel <id>]` runs it (bot/personData/deletePersonDataCli.ts).
//
// How their conversations are found: through the transcripts (the only place that links a
// person to a conversation id). A conversation whose transcript was already pruned by retention
// keeps its conversation state until that state is overwritten or the store is cleared; the state
// holds the case (redacted messages), not the person's id.
//
// Shared conversations (a Teams channel or group chat, or any transcript with another person in
// it) are not deleted whole: the person's own activities and the bot's replies to them are removed
// from the transcript, and the conversation's state, which belongs to everyone in it, is kept.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Activity, Storage } from 'botbuilder';
import { deskDocumentSchema, deskKey, leftMessagesDocumentSchema, leftMessagesKey, type LeftMessage } from '../handoff/deskDocument';
import { DeskStore } from '../handoff/deskStore';
import { allActivities, allTranscripts, type ManagedTranscriptStore } from '../transcripts/managedTranscriptStore';

/** Channels to look in for user state when no transcript names one (botbuilder's channel ids). */
export const wellKnownChannels = ['msteams', 'webchat', 'directline', 'emulator', 'test'];

export interface DeletePersonOptions {
    userId: string;
    /** Only this channel (default: every channel). */
    channelId?: string;
    transcripts: ManagedTranscriptStore | undefined;
    storage: Storage;
    /** The JSON-lines feedback log (DATA_DIR/feedback.jsonl), when there is one. */
    feedbackFile?: string;
    /** The shared store's feedback log (STORAGE=blobs or cosmos), which deletes by case itself. */
    sharedFeedback?: { deleteCases(caseIds: ReadonlySet<string>, dryRun: boolean): Promise<number> };
    /** Find and report, delete nothing. */
    dryRun?: boolean;
}

export interface DeletionReport {
    transcriptsDeleted: { channelId: string; conversationId: string; activities: number }[];
    sharedTranscriptsEdited: { channelId: string; conversationId: string; activitiesRemoved: number }[];
    /** Storage keys deleted: user state and one-to-one conversation state. */
    stateDeleted: string[];
    feedbackRecordsDeleted: number;
    /** Agent desk entries removed: queue places, live chats and left messages. */
    handoffEntriesDeleted: number;
}

/** The key UserState uses (botbuilder-core userState.js: `${channelId}/users/${userId}/${namespace}`, namespace ''). */
export const userStateKey = (channelId: string, userId: string) => `${channelId}/users/${userId}/`;
/** The key ConversationState uses. */
export const conversationStateKey = (channelId: string, conversationId: string) => `${channelId}/conversations/${conversationId}/`;

function caseIdsIn(item: unknown, into: Set<string>): void {
    const value = item as { userProfile?: { history?: { caseId?: unknown }[] }; caseFile?: { caseId?: unknown } } | undefined;
    for (const entry of value?.userProfile?.history ?? []) if (typeof entry?.caseId === 'string') into.add(entry.caseId);
    if (typeof value?.caseFile?.caseId === 'string') into.add(value.caseFile.caseId);
}

async function deleteKeyIfPresent(storage: Storage, key: string, caseIds: Set<string>, dryRun: boolean): Promise<boolean> {
    const found = (await storage.read([key]))[key];
    if (found === undefined) return false;
    caseIdsIn(found, caseIds);
    if (!dryRun) await storage.delete([key]);
    return true;
}

/** Removes the person's queue places, live chats and left messages from the agent desk; returns how many. */
async function deleteHandoffEntries(storage: Storage, userId: string, channelId: string | undefined, caseIds: Set<string>, dryRun: boolean): Promise<number> {
    const theirs = (entry: Pick<LeftMessage, 'caseId' | 'customer'>) => {
        const mine = entry.customer.user?.id === userId && (!channelId || entry.customer.channelId === channelId);
        if (mine) caseIds.add(entry.caseId);
        return mine;
    };
    const desk = new DeskStore(storage, deskKey, deskDocumentSchema);
    const messages = new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema);
    if (dryRun) {
        const d = await desk.read();
        const m = await messages.read();
        return [...d.waiting, ...d.connections, ...m.leftMessages].filter(theirs).length;
    }
    // Counted from what each update returns: update may run its change again on fresh data.
    const fromDesk = await desk.update((d) => {
        const before = d.waiting.length + d.connections.length;
        d.waiting = d.waiting.filter((w) => !theirs(w));
        d.connections = d.connections.filter((c) => !theirs(c));
        return before - d.waiting.length - d.connections.length;
    });
    const fromMessages = await messages.update((m) => {
        const before = m.leftMessages.length;
        m.leftMessages = m.leftMessages.filter((left) => !theirs(left));
        return before - m.leftMessages.length;
    });
    return fromDesk + fromMessages;
}

/** Rewrites the feedback log without the records of these cases; returns how many went. */
async function deleteFeedback(file: string, caseIds: Set<string>, dryRun: boolean): Promise<number> {
    let text: string;
    try {
        text = await readFile(file, 'utf8');
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw err;
    }
    let removed = 0;
    const kept = text.split('\n').filter((line) => {
        if (!line.trim()) return false;
        try {
            const caseId = (JSON.parse(line) as { caseId?: unknown }).caseId;
            if (typeof caseId === 'string' && caseIds.has(caseId)) {
                removed += 1;
                return false;
            }
        } catch {
            // keep a line we cannot read: it is not ours to judge
        }
        return true;
    });
    if (removed > 0 && !dryRun) {
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, kept.map((l) => l + '\n').join(''), 'utf8');
        await rename(temporary, file);
    }
    return removed;
}

export async function deletePersonData({
    userId,
    channelId,
    transcripts,
    storage,
    feedbackFile,
    sharedFeedback,
    dryRun = false
}: DeletePersonOptions): Promise<DeletionReport> {
    if (!userId) throw new Error('a user id is required');
    const report: DeletionReport = {
        transcriptsDeleted: [],
        sharedTranscriptsEdited: [],
        stateDeleted: [],
        feedbackRecordsDeleted: 0,
        handoffEntriesDeleted: 0
    };
    const caseIds = new Set<string>();
    const transcriptChannels = transcripts ? await transcripts.listChannels() : [];
    const channels = channelId ? [channelId] : [...new Set([...transcriptChannels, ...wellKnownChannels])];

    if (transcripts) {
        for (const channel of transcriptChannels.filter((c) => channels.includes(c))) {
            for (const { id } of await allTranscripts(transcripts, channel)) {
                const activities = await allActivities(transcripts, channel, id);
                const theirs = activities.filter((a) => a.from?.id === userId);
                if (theirs.length === 0) continue;
                const botIds = new Set(theirs.map((a) => a.recipient?.id).filter((v): v is string => !!v));
                const others = new Set(activities.map((a) => a.from?.id).filter((v): v is string => !!v && v !== userId && !botIds.has(v)));
                const type = theirs[0]?.conversation?.conversationType;
                const shared = others.size > 0 || type === 'channel' || type === 'groupChat';
                if (!shared) {
                    if (!dryRun) await transcripts.deleteTranscript(channel, id);
                    report.transcriptsDeleted.push({ channelId: channel, conversationId: id, activities: activities.length });
                    const key = conversationStateKey(channel, id);
                    if (await deleteKeyIfPresent(storage, key, caseIds, dryRun)) report.stateDeleted.push(key);
                } else {
                    const theirIds = new Set(theirs.map((a) => a.id).filter((v): v is string => !!v));
                    const isTheirs = (a: Activity) => a.from?.id === userId || a.recipient?.id === userId || (!!a.replyToId && theirIds.has(a.replyToId));
                    const removed = dryRun ? activities.filter(isTheirs).length : await transcripts.removeActivities(channel, id, isTheirs);
                    report.sharedTranscriptsEdited.push({ channelId: channel, conversationId: id, activitiesRemoved: removed });
                }
            }
        }
    }

    for (const channel of channels) {
        const key = userStateKey(channel, userId);
        if (await deleteKeyIfPresent(storage, key, caseIds, dryRun)) report.stateDeleted.push(key);
    }

    report.handoffEntriesDeleted = await deleteHandoffEntries(storage, userId, channelId, caseIds, dryRun);
    if (feedbackFile && caseIds.size > 0) report.feedbackRecordsDeleted += await deleteFeedback(feedbackFile, caseIds, dryRun);
    if (sharedFeedback && caseIds.size > 0) report.feedbackRecordsDeleted += await sharedFeedback.deleteCases(caseIds, dryRun);
    return report;
}

/** The report as the lines the command prints. */
export function describeDeletion(userId: string, report: DeletionReport, dryRun = false): string[] {
    const verb = dryRun ? 'would delete' : 'deleted';
    const lines = [
        ...report.transcriptsDeleted.map((t) => `transcript ${verb}: ${t.channelId} / ${t.conversationId} (${t.activities} activities)`),
        ...report.sharedTranscriptsEdited.map(
            (t) => `shared conversation ${t.channelId} / ${t.conversationId}: ${verb} ${t.activitiesRemoved} of their activities and the replies to them (the conversation's state is kept)`
        ),
        ...report.stateDeleted.map((key) => `state ${verb}: ${key}`),
        ...(report.feedbackRecordsDeleted ? [`feedback records ${verb}: ${report.feedbackRecordsDeleted}`] : []),
        ...(report.handoffEntriesDeleted ? [`agent desk entries ${verb} (queue places, live chats, left messages): ${report.handoffEntriesDeleted}`] : [])
    ];
    return lines.length > 0 ? lines : [`nothing found for user ${JSON.stringify(userId)}`];
}
