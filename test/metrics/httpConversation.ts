// One person talking to the bot over HTTP with delivery mode expectReplies: the replies come back
// in the response body, as the Bot Framework defines it.
import { randomUUID } from 'node:crypto';
import { expectRepliesMessage } from '../../bot/bench/expectRepliesMessage';

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
            body: JSON.stringify(expectRepliesMessage(this.id, text, this.channelId))
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
