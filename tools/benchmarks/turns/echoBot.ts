// The ceiling for the turn benchmark: the same HTTP stack as the support bot (restify with the
// same body parser, the validated /api/messages route, CloudAdapter with the same error
// handling) and a bot that only echoes the text back, keeping a turn count per conversation in
// ConversationState on MemoryStorage, so the ceiling pays for one state read and write a turn too.
import { ActivityHandler, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter } from '../../../bot/adapter';
import type { Config } from '../../../bot/config';
import { addHealthRoute } from '../../../bot/http/healthRoute';
import { addMessagesRoute } from '../../../bot/http/messagesRoute';
import { createLogger } from '../../../bot/logger';
import { Readiness } from '../../../bot/readiness';
import { createHttpServer } from '../../../bot/server';

class EchoBot extends ActivityHandler {
    constructor(private readonly state: ConversationState) {
        super();
        const turns = state.createProperty<number>('turns');
        this.onMessage(async (context, next) => {
            const count = ((await turns.get(context)) ?? 0) + 1;
            await turns.set(context, count);
            await context.sendActivity(`echo ${count}: ${context.activity.text ?? ''}`);
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.state.saveChanges(context, false);
    }
}

export interface RunningBareBot {
    server: Server;
    url: string;
    stop(): Promise<void>;
}

/** A bot on the support bot's HTTP stack (restify, the validated route, CloudAdapter) and nothing else. */
export async function startOnBareStack(config: Config, bot: { run(context: TurnContext): Promise<void> }): Promise<RunningBareBot> {
    const log = createLogger(config);
    const readiness = new Readiness();
    const server = createHttpServer(config);
    addHealthRoute(server, readiness);
    const adapter = createAdapter(config, log, () => 'Sorry, something went wrong.');
    addMessagesRoute(server, { adapter, readiness, log, runTurn: (context) => bot.run(context) });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, () => resolve());
    });
    readiness.markReady();
    return {
        server,
        url: `http://127.0.0.1:${server.address().port}`,
        stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
    };
}

export function startEchoBot(config: Config): Promise<RunningBareBot> {
    return startOnBareStack(config, new EchoBot(new ConversationState(new MemoryStorage())));
}
