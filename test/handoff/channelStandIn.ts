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
    close(): Promise<void>;
}

export async function startChannelStandIn(): Promise<ChannelStandIn> {
    const received: Partial<Activity>[] = [];
    const server: Server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
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
        close: () => new Promise((resolve) => server.close(() => resolve()))
    };
}
