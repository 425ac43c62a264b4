// A real MainDialog on in-memory storage, driven through botbuilder-testing's DialogTestClient
// with the server's own turn pipeline (bot/turnPipeline.ts), transcripts in memory. The classifier is trained once on the real
// knowledge base, so these tests exercise the shipped content, not fixtures.
import { AutoSaveStateMiddleware, CloudAdapter, MemoryStorage, type Activity } from 'botbuilder';
import pino from 'pino';
import { deskDocumentSchema, deskKey } from '../../bot/handoff/deskDocument';
import { DeskStore } from '../../bot/handoff/deskStore';
import { AgentDesk } from '../../bot/handoff/agentDesk';
import { DialogTestClient } from 'botbuilder-testing';
import { createDialogDeps, type DialogHost } from '../../bot/createDialogDeps';
import { loadConfig } from '../../bot/config';
import { MemoryFeedbackLog } from '../../bot/feedback/feedbackLogs';
import { BotMetrics } from '../../bot/metrics/botMetrics';
import { serviceUrlGuardFor } from '../../bot/security/serviceUrlGuard';
import { ManagedMemoryTranscriptStore } from '../../bot/transcripts/memoryTranscripts';
import { createTranscriptMiddleware } from '../../bot/transcripts/transcriptMiddleware';
import { turnPipeline } from '../../bot/turnPipeline';
import type { IntentClassifier } from '../../bot/nlu/intentClassifier';
import { knowledgeClassifier, knowledgeReplyClassifier, shippedKnowledge } from '../nlu/knowledgeClassifier';
import type { ReplyClassifier } from '../../bot/nlu/replyClassifier';
import type { CaseSummary } from '../../dialogs/caseSummary';
import { MainDialog } from '../../dialogs/mainDialog';
import { perLanguage, type Language } from '../../knowledge/languages';
import type { Knowledge } from '../../knowledge/load';

/** One language's shipped knowledge and the classifiers trained on it (English unless asked). */
export function knowledgeAndClassifier(language: Language = 'en'): { knowledge: Knowledge; classifier: IntentClassifier; replyClassifier: ReplyClassifier } {
    return { knowledge: shippedKnowledge()[language], classifier: knowledgeClassifier(language), replyClassifier: knowledgeReplyClassifier(language) };
}

export interface Conversation {
    client: DialogTestClient;
    host: DialogHost;
    feedback: MemoryFeedbackLog;
    handoffs: CaseSummary[];
    storage: MemoryStorage;
    /** Sends a message (or a card submit) and returns every reply of the turn, traces left out. */
    say(text: string | Partial<Activity>): Promise<Partial<Activity>[]>;
}

export interface ConversationOptions {
    /** Channel user ids of the support agents; none means nobody is on duty. Default: one agent. */
    agentIds?: string[];
    /** Another conversation of the same person (same user id, new conversation state). */
    conversationId?: string;
    /** The language the dialogs speak (the host's choice of language is tested over HTTP). Default: English. */
    language?: Language;
}

/**
 * The hand-over goes to the real built-in agent desk on the same storage, so what a person is
 * told about the queue or about nobody being on duty is what the running bot says. No agent
 * signs in here, so the desk never sends a proactive message and the adapter is never called.
 */
export function startConversation(channelId = 'test', storage = new MemoryStorage(), options: ConversationOptions = {}): Conversation {
    const language = options.language ?? 'en';
    const { knowledge } = knowledgeAndClassifier();
    const own = knowledgeAndClassifier(language);
    const feedback = new MemoryFeedbackLog();
    const handoffs: CaseSummary[] = [];
    const log = pino({ level: 'silent' });
    // botbuilder-testing's TestAdapter replies to https://test.com.
    const config = loadConfig({ LOG_LEVEL: 'silent', SERVICE_URL_ALLOWLIST: 'https://test.com' });
    const agentIds = options.agentIds ?? ['agent'];
    const desk = new AgentDesk({
        storage,
        adapter: new CloudAdapter(),
        appId: '',
        agentIds,
        timeoutMinutes: 10,
        idleMinutes: 20,
        replies: knowledge.replies,
        customerReplies: { [language]: own.knowledge.replies },
        desk: knowledge.desk,
        feedback,
        log,
        intentOf: (text, spoken) => knowledgeClassifier(spoken).classify(text).intent,
        onChatEnded: async () => undefined
    });
    // The listed agents are on duty, as if each had written to the bot (a desk queues a customer
    // only then); the address is one nobody answers, so their notifications go nowhere.
    const onDuty = new DeskStore(storage, deskKey, deskDocumentSchema).update((d) => {
        for (const id of agentIds) d.agents[id] ??= { conversation: { id: `desk-of-${id}`, isGroup: false, conversationType: 'personal', name: '' } };
    });
    const parts = perLanguage(knowledgeAndClassifier);
    const host = createDialogDeps(parts, storage, feedback, async (context, summary) => {
        handoffs.push(summary);
        await onDuty;
        await desk.requestHuman(context, summary);
    });
    const pipeline = turnPipeline({
        metrics: new BotMetrics({ knowledge }),
        serviceUrlGuard: serviceUrlGuardFor(config, log, () => undefined),
        maxTextLength: config.MAX_TEXT_LENGTH,
        truncatedNotice: () => own.knowledge.replies.textTruncated,
        transcripts: createTranscriptMiddleware(new ManagedMemoryTranscriptStore(), log).middleware,
        log,
        desk
    });
    const middleware = [...pipeline.map((step) => step.middleware), new AutoSaveStateMiddleware(host.userState)];
    const client = new DialogTestClient(channelId, new MainDialog(host.deps[language]), undefined, middleware, host.conversationState);
    return {
        client,
        host,
        feedback,
        handoffs,
        storage,
        async say(input) {
            const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input } : input;
            // TestAdapter fills in its one default conversation only where the activity names none.
            if (options.conversationId) activity.conversation = { isGroup: false, conversationType: 'personal', name: '', id: options.conversationId };
            const first = await client.sendActivity(activity);
            const replies: Partial<Activity>[] = [];
            for (let reply = first; reply; reply = client.getNextReply()) {
                if (reply.type !== 'trace') replies.push(reply);
            }
            return replies;
        }
    };
}

/** Everything a person would read in the replies: texts, card texts and button titles. */
export function visibleText(replies: Partial<Activity>[]): string {
    return replies
        .flatMap((r) => [
            r.text ?? '',
            ...(r.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`),
            ...(r.attachments ?? []).map((a) => JSON.stringify(a.content))
        ])
        .join('\n');
}
