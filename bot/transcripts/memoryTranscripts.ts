// STORAGE=memory: botbuilder's MemoryTranscriptStore, plus the channel list and activity removal
// that retention and person-data deletion use. Lost at restart, like the memory state store.
import { MemoryTranscriptStore, type Activity } from 'botbuilder';
import { rewriteTranscript, type ManagedTranscriptStore } from './managedTranscriptStore';

export class ManagedMemoryTranscriptStore extends MemoryTranscriptStore implements ManagedTranscriptStore {
    private readonly seenChannels = new Set<string>();

    override logActivity(activity: Activity): void | Promise<void> {
        const result = super.logActivity(activity);
        if (activity?.channelId) this.seenChannels.add(activity.channelId);
        return result;
    }

    async listChannels(): Promise<string[]> {
        const channels: string[] = [];
        for (const channelId of this.seenChannels) {
            if ((await this.listTranscripts(channelId)).items.length > 0) channels.push(channelId);
        }
        return channels;
    }

    removeActivities(channelId: string, conversationId: string, remove: (activity: Activity) => boolean): Promise<number> {
        // Nothing else runs between the read and the rewrite here: every call is synchronous
        // underneath, so the generic rewrite cannot lose an activity logged meanwhile.
        return rewriteTranscript(this, channelId, conversationId, remove);
    }
}
