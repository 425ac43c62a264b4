// A local stand-in for the channel service (what Teams or Direct Line run in Azure): it accepts
// the bot's proactive messages at POST /v3/conversations/:id/activities and records them, so a
// test can see what reached the customer or the agent outside their own turns.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface ChannelStandIn {
    url: string;
    received: Partial<Activity>[];
    /** Everything sent to one conversation, as the person would read it. */
    textsFor(conversationId: string): string;
    /** Waits until a message for the conversation contains the text (proactive sends are asynchronous). */
    waitFor(conversationId: string, text: string, timeoutMs?: number): Promise<void>;
    /** From now on, answers 403 for this conversation, as a channel does for a chat it no longer serves. */
    refuse(conversationId: string): void;
    close(): Promise<void>;
}

export async function startChannelStandIn(): Promise<ChannelStandIn> {
    const received: Partial<Activity>[] = [];
    const refused = new Set<string>();
    const server: Server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
            if (conversation && refused.has(decodeURIComponent(conversation[1]!))) {
                res.writeHead(403, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
            } else if (req.method === 'POST' && conversation) {
                received.push(JSON.parse(body) as Partial<Activity>);
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ id: `sent-${received.length}` }));
            } else {
                res.writeHead(404);
                res.end();
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const textsFor = (conversationId: string) =>
        received
            .filter((a) => a.conversation?.id === conversationId)
            .map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join('\n'))
            .join('\n');
    return {
        url: `http://127.0.0.1:${port}`,
        received,
        textsFor,
        async waitFor(conversationId, text, timeoutMs = 3000) {
            const until = Date.now() + timeoutMs;
            while (!textsFor(conversationId).includes(text)) {
                if (Date.now() > until) throw new Error(`"${text}" never reached conversation ${conversationId}; it got:\n${textsFor(conversationId)}`);
                await new Promise((r) => setTimeout(r, 20));
            }
        },
        refuse: (conversationId) => refused.add(conversationId),
        close: () => new Promise((resolve) => server.close(() => resolve()))
    };
}
