// One person talking to the bot over HTTP with delivery mode expectReplies: the replies come back
// in the response body, as the Bot Framework defines it.
import { randomUUID } from 'node:crypto';

export interface Reply {
    type: string;
    text?: string;
    name?: string;
    attachments?: { content?: unknown }[];
    suggestedActions?: { actions: { title?: string }[] };
}

export class HttpConversation {
    readonly id = `metrics-${randomUUID()}`;
    messagesSent = 0;

    constructor(
        private readonly url: string,
        private readonly channelId = 'test'
    ) {}

    /** Sends a message; resolves with the replies a person sees (traces left out). */
    async say(text: string): Promise<Reply[]> {
        const response = await fetch(`${this.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
                type: 'message',
                id: randomUUID(),
                channelId: this.channelId,
                serviceUrl: 'http://127.0.0.1:9/',
                conversation: { id: this.id },
                from: { id: `person-${this.id}`, name: 'Person' },
                recipient: { id: 'bot', name: 'Bot' },
                locale: 'en-US',
                deliveryMode: 'expectReplies',
                text
            })
        });
        if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
        this.messagesSent += 1;
        const body = (await response.json()) as { activities?: Reply[] };
        return (body.activities ?? []).filter((a) => a.type !== 'trace');
    }
}

export function visibleText(replies: Reply[]): string {
    return replies
        .flatMap((r) => [r.text ?? '', ...(r.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`), ...(r.attachments ?? []).map((a) => JSON.stringify(a.content))])
        .join('\n');
}
