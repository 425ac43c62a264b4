// The bot assembled as startBot assembles it, with the metrics wired by the same calls startBot
// makes (BotMetrics, MeteredFeedbackSink, installMetrics, meteredRequestHuman), on in-memory
// storage and a free port. Once startBot carries those lines, this can become startBot(config).
import { MemoryStorage } from 'botbuilder';
import { createAdapter } from '../../bot/adapter';
import { loadConfig } from '../../bot/config';
import { createDialogDeps } from '../../bot/createDialogDeps';
import { MemoryFeedbackLog } from '../../bot/feedback/feedbackLogs';
import { sendHandoffInitiation } from '../../bot/handoff/sendHandoffInitiation';
import { addHealthRoute } from '../../bot/http/healthRoute';
import { addMessagesRoute } from '../../bot/http/messagesRoute';
import { createLogger } from '../../bot/logger';
import { BotMetrics, installMetrics, MeteredFeedbackSink, meteredRequestHuman } from '../../bot/metrics';
import { CardSubmitAsTextMiddleware } from '../../bot/middleware/cardSubmitAsText';
import type { IntentClassifier } from '../../bot/nlu/intentClassifier';
import { trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import { RedactionMiddleware } from '../../bot/privacy/redactionMiddleware';
import { Readiness } from '../../bot/readiness';
import { createHttpServer } from '../../bot/server';
import { SupportBot } from '../../bot/supportBot';
import type { CaseSummary } from '../../dialogs/caseSummary';
import { MainDialog } from '../../dialogs/mainDialog';
import { loadKnowledge, type Knowledge } from '../../knowledge/load';

export interface MeteredBot {
    url: string;
    knowledge: Knowledge;
    classifier: IntentClassifier;
    feedback: MeteredFeedbackSink;
    handoffs: CaseSummary[];
    stop(): Promise<void>;
}

export async function startMeteredBot(): Promise<MeteredBot> {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent' });
    const log = createLogger(config);
    const readiness = new Readiness();
    const server = createHttpServer(config);
    addHealthRoute(server, readiness);
    const knowledge = loadKnowledge();
    const classifier = trainFromKnowledge(knowledge);
    const handoffs: CaseSummary[] = [];

    // The wiring under test, line for line as in startBot.
    const metrics = new BotMetrics({ knowledge });
    const feedback = new MeteredFeedbackSink(new MemoryFeedbackLog(), metrics);
    const adapter = createAdapter(config, log, knowledge.replies.errorApology);
    installMetrics(server, adapter, metrics);
    const requestHuman = meteredRequestHuman(metrics, async (context, summary) => {
        await sendHandoffInitiation(context, summary);
        handoffs.push(summary);
    });

    const host = createDialogDeps(knowledge, classifier, new MemoryStorage(), feedback, requestHuman);
    adapter.use(new CardSubmitAsTextMiddleware());
    adapter.use(new RedactionMiddleware());
    const bot = new SupportBot(knowledge, host.conversationState, host.userState, new MainDialog(host.deps));
    addMessagesRoute(server, { adapter, readiness, log, runTurn: (context) => bot.run(context) });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    readiness.markReady();
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        knowledge,
        classifier,
        feedback,
        handoffs,
        stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
    };
}
