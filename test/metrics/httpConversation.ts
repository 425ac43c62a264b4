// One person talking to the bot over HTTP with delivery mode expectReplies: the replies come back
// in the response body, as the Bot Framework defines it.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { expectRepliesMessage } from '../../tools/benchmarks/turns/expectRepliesMessage';
import { postActivity } from '../http/botServer';

export class HttpConversation {
    readonly id = `metrics-${randomUUID()}`;
    messagesSent = 0;

    constructor(
        private readonly url: string,
        private readonly channelId = 'test'
    ) {}

    /** Sends a message; resolves with the bot's replies (read them with botServer's `visible`). */
    async say(text: string): Promise<Partial<Activity>[]> {
        const reply = await postActivity(this.url, expectRepliesMessage(this.id, text, this.channelId));
        if (reply.status !== 200) throw new Error(`POST /api/messages answered ${reply.status}: ${JSON.stringify(reply.body)}`);
        this.messagesSent += 1;
        return reply.body.activities ?? [];
    }
}
