// Assembles the bot from its parts and starts the HTTP server. Used by index.ts and by the
// HTTP tests, which start the real server on a free port.
import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { MainDialog } from '../dialogs/mainDialog';
import { perLanguage, sourceLanguage, type Language } from '../knowledge/languages';
import { defaultKnowledgeDir, loadKnowledgeBase, type Knowledge } from '../knowledge/load';
import { loadLanguageRequests } from '../knowledge/languageRequests';
import { createAdapter } from './adapter';
import type { Config } from './config';
import { createDialogDeps, type LanguageParts } from './createDialogDeps';
import { createFeedbackLog } from './feedback/createFeedbackLog';
import type { FeedbackLog } from './feedback/feedbackLogs';
import { AgentDesk } from './handoff/agentDesk';
import { startLeftMessageRetention } from './handoff/leftMessageRetention';
import { sendHandoffInitiation } from './handoff/sendHandoffInitiation';
import { addHealthRoute } from './http/healthRoute';
import { addLegalPages } from './http/legalPages';
import { addMessagesRoute } from './http/messagesRoute';
import { BotMetrics, installMetrics, MeteredFeedbackSink, meteredRequestHuman } from './metrics';
import { createLogger, type Logger } from './logger';
import { identifyLanguage } from './nlu/identifyLanguage';
import { trainFromKnowledge } from './nlu/knowledgeExamples';
import { trainReplyClassifierFromKnowledge } from './nlu/replyClassifier';
import { Readiness } from './readiness';
import { installHttpLimits } from './security/httpLimits';
import type { MessageRateLimitOptions } from './security/rateLimiter';
import { serviceUrlGuardFor } from './security/serviceUrlGuard';
import { createHttpServer } from './server';
import { createStorage } from './storage/createStorage';
import { KeyedQueue } from './storage/keyedQueue';
import { runTurnWithRetry } from './storage/runTurnWithRetry';
import { SupportBot, type BotLanguage, type LanguageChooser } from './supportBot';
import { chooseLanguage } from './language/chooseLanguage';
import { turnLanguage } from './language/turnLanguage';
import { exportBotMetrics } from './telemetry/exportBotMetrics';
import type { TranscriptStoreChoice } from './transcripts/createTranscriptStore';
import { startTranscripts, type RunningTranscripts } from './transcripts/startTranscripts';
import { installTurnPipeline, turnPipeline } from './turnPipeline';
import { addWebChat, type WebChat } from './webchat/addWebChat';
import { addAgentSignIn } from './webchat/agentSignIn';
import { loadSigningKey } from './webchat/signing';

export interface RunningBot {
    server: Server;
    /** http://127.0.0.1:PORT, with the port actually bound (PORT=0 picks a free one). */
    url: string;
    readiness: Readiness;
    feedback: FeedbackLog;
    /** Web Chat's wiring: the built-in Direct Line, when it is on, and its serviceUrl. */
    webChat: WebChat;
    /** METRICS_PORT's listener (http://host:port), when /metrics is served there. */
    metricsUrl: string | undefined;
    desk: AgentDesk;
    transcripts: RunningTranscripts;
    /** Stops taking requests, lets running turns finish (up to graceMs), then closes storage. */
    stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
    /** A Storage to use instead of the one STORAGE names (tests: a store that fails on purpose). */
    storage?: Storage;
    /** Test overrides: a clock and a smaller key bound for the rate limits. */
    rateLimit?: MessageRateLimitOptions;
    /** Test override: a transcript store of the test's own instead of the one STORAGE picks. */
    transcripts?: TranscriptStoreChoice;
}

export async function startBot(config: Config, log: Logger = createLogger(config), options: StartOptions = {}): Promise<RunningBot> {
    const readiness = new Readiness();
    const server = createHttpServer(config);
    addHealthRoute(server, readiness);
    addLegalPages(server, config);

    const knowledgeBase = loadKnowledgeBase();
    const parts = perLanguage((language) => trainLanguage(knowledgeBase[language], log));
    // Agents, metrics and the report read the source language.
    const { knowledge } = parts[sourceLanguage];
    const replies = (language: Language) => knowledgeBase[language].replies;
    const identify = identifyLanguage;
    // Learnt on first use: here, so invalid data stops the start rather than a customer's turn.
    identify('Guten Tag');
    const requests = loadLanguageRequests(defaultKnowledgeDir);

    const store = options.storage ? { storage: options.storage, kind: config.STORAGE, close: async () => {} } : await createStorage(config);
    const metrics = new BotMetrics({ knowledge });
    const feedbackLog = createFeedbackLog(config);
    // Every closed case, rating and unrecognised message also moves the Prometheus counters.
    const feedback = new MeteredFeedbackSink(feedbackLog, metrics);
    const adapter = createAdapter(config, log, (context) => replies(turnLanguage(context)).errorApology);
    const servedMetrics = installMetrics(server, metrics, { config, log });
    const desk = new AgentDesk({
        storage: store.storage,
        adapter,
        appId: config.MicrosoftAppId ?? '',
        agentIds: config.HANDOFF_AGENT_IDS,
        timeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
        idleMinutes: config.HANDOFF_IDLE_MINUTES,
        maxChats: config.HANDOFF_MAX_CHATS,
        slaMinutes: config.HANDOFF_SLA_MINUTES,
        hours: config.HANDOFF_HOURS,
        replies: knowledge.replies,
        customerReplies: perLanguage(replies),
        desk: knowledge.desk,
        feedback,
        log,
        intentOf: (text, language) => parts[language].classifier.classify(text).intent,
        onChatEnded: (context, caseId) => bot.askFeedback(context, caseId)
    });
    metrics.watchDesk(() => desk.occupancy());
    // Whatever STORAGE is (memory too: the sweep is cheap): messages left for agents hold what the
    // customer typed, so they go when transcripts would.
    const leftMessageRetention = startLeftMessageRetention(store.storage, { days: config.TRANSCRIPT_RETENTION_DAYS, log });
    const host = createDialogDeps(parts, store.storage, feedback, meteredRequestHuman(metrics, async (context, summary) => {
        await sendHandoffInitiation(context, summary);
        await desk.requestHuman(context, summary);
    }));
    installHttpLimits(server, config, log, options.rateLimit);
    const transcripts = startTranscripts(config, log, options.transcripts);
    // The built-in Direct Line's own serviceUrl (secret path segment and all) joins the allow-list
    // once the server listens; no turn runs before that.
    const serviceUrlGuard = serviceUrlGuardFor(config, log, () => webChat.ownServiceUrl());
    installTurnPipeline(
        adapter,
        turnPipeline({
            metrics,
            serviceUrlGuard,
            maxTextLength: config.MAX_TEXT_LENGTH,
            // Before the bot chooses the turn's language: the long text itself says which it is.
            truncatedNotice: (context) => replies(identify(context.activity.text ?? '')?.language ?? turnLanguage(context)).textTruncated,
            transcripts: transcripts.middleware,
            log,
            desk
        }),
        log
    );
    const dialogs = perLanguage((language): BotLanguage => ({ knowledge: knowledgeBase[language], dialog: new MainDialog(host.deps[language]) }));
    const chooser: LanguageChooser = (text, locale, stored) => chooseLanguage(text, locale, stored, identify, requests);
    const bot: SupportBot = new SupportBot(dialogs, chooser, host.conversationState, host.userState);
    desk.start();
    const turns = new KeyedQueue();
    const runTurn = runTurnWithRetry((context) => bot.run(context), {
        attempts: 3,
        states: [host.conversationState, host.userState],
        onRetry: (_err, attempt, context) => log.info({ attempt, conversationId: context.activity.conversation?.id }, 'state changed on another instance: running the turn again')
    });
    addMessagesRoute(server, { adapter, readiness, log, runTurn, turns });
    const webChat = addWebChat(server, { config, adapter, readiness, log, runTurn, turns });
    if (!config.MicrosoftAppId && config.HANDOFF_AGENT_IDS.some((id) => id.startsWith('aad:'))) {
        log.warn('aad: agents in HANDOFF_AGENT_IDS are recognised only on authenticated Teams turns: with authentication off, only webchat: agents can use the desk');
    }
    // Web Chat agents sign in with a one-time link (npm run agent:link); none listed, no route.
    if (config.HANDOFF_AGENT_IDS.some((id) => id.startsWith('webchat:'))) addAgentSignIn(server, { config, key: loadSigningKey(config), storage: store.storage, log });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
    });
    const { port } = server.address();
    const url = `http://${localHost(config.HOST)}:${port}`;
    webChat.listeningOn(url);
    let metricsUrl: string | undefined;
    try {
        metricsUrl = await servedMetrics.listen();
    } catch (err) {
        // METRICS_PORT taken: stop the bot's own listener too rather than run half-started.
        await new Promise<void>((resolve) => server.close(() => resolve()));
        throw err;
    }
    // Application Insights' custom metrics, when it is on (bot/telemetry).
    exportBotMetrics(metrics.registry);
    readiness.markReady();
    log.info({ host: config.HOST, port, storage: store.kind, authentication: config.MicrosoftAppId ? 'on' : 'off' }, 'bot listening');

    return {
        server,
        url,
        readiness,
        feedback,
        desk,
        webChat,
        metricsUrl,
        transcripts,
        async stop(graceMs = 10_000) {
            const drained = await readiness.drain(graceMs);
            if (!drained) log.warn({ turnsInFlight: readiness.turnsInFlight }, 'stopping with turns still running');
            desk.stop();
            // Before storage is closed: a sweep still running would write to a closed store.
            await leftMessageRetention.stop();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await servedMetrics.stop();
            await transcripts.stop();
            await store.close();
        }
    };
}

// Training is deterministic, and a classifier does not change once trained: the same knowledge
// gives the same classifiers, so a process that starts the bot again (the tests start it hundreds
// of times) trains each language's content once.
const trainedLanguages = new Map<string, LanguageParts>();

/** One language's classifiers, trained on its knowledge; the time each took goes to the log. */
function trainLanguage(knowledge: Knowledge, log: Logger): LanguageParts {
    const key = createHash('sha256').update(JSON.stringify(knowledge)).digest('base64');
    const trained = trainedLanguages.get(key);
    if (trained) return { ...trained, knowledge };
    const parts = trainOnce(knowledge, log);
    trainedLanguages.set(key, parts);
    return parts;
}

function trainOnce(knowledge: Knowledge, log: Logger): LanguageParts {
    const { language } = knowledge;
    const startedTraining = performance.now();
    const classifier = trainFromKnowledge(knowledge, { language });
    log.info({ ms: Math.round(performance.now() - startedTraining), language, intents: knowledge.intents.length }, 'classifier trained');
    const startedReplyTraining = performance.now();
    const replyClassifier = trainReplyClassifierFromKnowledge(knowledge, { language });
    log.info({ ms: Math.round(performance.now() - startedReplyTraining), language, acts: knowledge.replyActs.length }, 'reply classifier trained');
    return { knowledge, classifier, replyClassifier };
}

/** How this machine reaches the server: loopback when it listens on every interface. */
function localHost(host: string): string {
    if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
    return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
