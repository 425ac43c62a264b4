// The message a simulated person sends over loopback: delivery mode expectReplies, so the bot's
// replies come back in the HTTP response and the service URL is never called.
import { randomUUID } from 'node:crypto';

export function expectRepliesMessage(conversationId: string, text: string, channelId = 'webchat'): Record<string, unknown> {
    return {
        type: 'message',
        id: randomUUID(),
        channelId,
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversationId },
        from: { id: `person-${conversationId}`, name: 'Person' },
        recipient: { id: 'bot', name: 'Bot' },
        locale: 'en-US',
        deliveryMode: 'expectReplies',
        text
    };
}
