// Assembles the bot from its parts and starts the HTTP server. Used by index.ts and by the
// HTTP tests, which start the real server on a free port.
import { join } from 'node:path';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/mainDialog';
import { loadKnowledge } from '../knowledge/load';
import { trainingExamples } from '../knowledge/trainingExamples';
import { createAdapter } from './adapter';
import type { Config } from './config';
import { createDialogDeps } from './createDialogDeps';
import { JsonLinesFeedbackLog, MemoryFeedbackLog, type FeedbackLog } from './feedback/feedbackLogs';
import { sendHandoffInitiation } from './handoff/sendHandoffInitiation';
import { addHealthRoute } from './http/healthRoute';
import { addMessagesRoute } from './http/messagesRoute';
import { createLogger, type Logger } from './logger';
import { CardSubmitAsTextMiddleware } from './middleware/cardSubmitAsText';
import { trainIntentClassifier } from './nlu/intentClassifier';
import { RedactionMiddleware } from './privacy/redactionMiddleware';
import { Readiness } from './readiness';
import { createHttpServer } from './server';
import { createStorage } from './storage/createStorage';
import { SupportBot } from './supportBot';

export interface RunningBot {
    server: Server;
    /** http://127.0.0.1:PORT, with the port actually bound (PORT=0 picks a free one). */
    url: string;
    readiness: Readiness;
    feedback: FeedbackLog;
    /** Stops taking requests, lets running turns finish (up to graceMs), then closes storage. */
    stop(graceMs?: number): Promise<void>;
}

export async function startBot(config: Config, log: Logger = createLogger(config)): Promise<RunningBot> {
    const readiness = new Readiness();
    const server = createHttpServer(config);
    addHealthRoute(server, readiness);

    const knowledge = loadKnowledge();
    const startedTraining = performance.now();
    const classifier = trainIntentClassifier(trainingExamples(knowledge));
    log.info({ ms: Math.round(performance.now() - startedTraining), intents: knowledge.intents.length }, 'classifier trained');

    const store = await createStorage(config);
    const feedback = config.STORAGE === 'memory' ? new MemoryFeedbackLog() : new JsonLinesFeedbackLog(join(config.DATA_DIR, 'feedback.jsonl'));
    const host = createDialogDeps(knowledge, classifier, store.storage, feedback, sendHandoffInitiation);
    const adapter = createAdapter(config, log, knowledge.replies.errorApology);
    adapter.use(new CardSubmitAsTextMiddleware());
    adapter.use(new RedactionMiddleware());
    const bot = new SupportBot(knowledge, host.conversationState, host.userState, new MainDialog(host.deps));
    addMessagesRoute(server, { adapter, readiness, log, runTurn: (context) => bot.run(context) });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, () => resolve());
    });
    const { port } = server.address();
    readiness.markReady();
    log.info({ port, storage: store.kind, authentication: config.MicrosoftAppId ? 'on' : 'off' }, 'bot listening');

    return {
        server,
        url: `http://127.0.0.1:${port}`,
        readiness,
        feedback,
        async stop(graceMs = 10_000) {
            const drained = await readiness.drain(graceMs);
            if (!drained) log.warn({ turnsInFlight: readiness.turnsInFlight }, 'stopping with turns still running');
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await store.close();
        }
    };
}
