// POST /api/messages: checks the request, then hands it to the adapter. Every answer to a bad
// request is a 4xx with a JSON message; the process never crashes on input.
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { conversationKeyOf } from '../conversationKey';
import type { Logger } from '../logger';
import type { Readiness } from '../readiness';
import { describeActivityProblems, incomingActivitySchema } from './activitySchema';
import { KeyedQueue } from '../storage/keyedQueue';

export interface MessagesRouteOptions {
    adapter: CloudAdapter;
    readiness: Readiness;
    log: Logger;
    runTurn(context: TurnContext): Promise<void>;
    /** Runs each conversation's turns one at a time (a double click must not race itself); shared with Web Chat. */
    turns?: KeyedQueue;
}

function reject(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.json({ code, message });
}

export function addMessagesRoute(server: Server, { adapter, readiness, log, runTurn, turns = new KeyedQueue() }: MessagesRouteOptions): void {
    server.post('/api/messages', async (req: Request, res: Response) => {
        if (!readiness.isReady) {
            res.header('Retry-After', '5');
            return reject(res, 503, 'NotReady', 'The bot is starting or shutting down; try again in a few seconds.');
        }
        if (!req.is('json')) {
            return reject(res, 415, 'UnsupportedMediaType', 'Send the activity as JSON with Content-Type: application/json.');
        }
        const parsed = incomingActivitySchema.safeParse(req.body);
        if (!parsed.success) {
            return reject(res, 400, 'InvalidActivity', `The activity is not valid: ${describeActivityProblems(parsed.error)}.`);
        }
        try {
            const key = conversationKeyOf(parsed.data.channelId, parsed.data.conversation.id);
            await readiness.track(() => turns.run(key, () => adapter.process(req, res, runTurn)));
        } catch (err) {
            log.error({ err, conversationId: parsed.data.conversation.id }, 'request failed outside a turn');
            if (!res.headersSent) reject(res, 500, 'InternalError', 'Something went wrong on our side; the message was not processed. Please try again.');
        }
    });
}
