// One key per conversation, for everything that groups turns by conversation: the queue that
// runs a conversation's turns one at a time and the per-conversation rate limit.

/** Conversation ids are client-supplied: long ones are cut so a key stays small. */
const maxIdLength = 512;
const maxChannelLength = 64;

export function conversationKeyOf(channelId: string, conversationId: string): string {
    return `${channelId.slice(0, maxChannelLength)}/${conversationId.slice(0, maxIdLength)}`;
}

/** The key of a parsed request body, or undefined when it names no conversation (the adapter then rejects it anyway). */
export function conversationKey(activity: unknown): string | undefined {
    if (typeof activity !== 'object' || activity === null) return undefined;
    const { channelId, conversation } = activity as { channelId?: unknown; conversation?: { id?: unknown } | null };
    const id = typeof conversation === 'object' && conversation !== null ? conversation.id : undefined;
    if (typeof id !== 'string' || id === '') return undefined;
    return conversationKeyOf(typeof channelId === 'string' ? channelId : '', id);
}
