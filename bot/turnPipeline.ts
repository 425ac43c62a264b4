// The middleware every turn passes through, in order: the one place that order is written.
// startBot installs this list, the dialog test harness builds the same list, and the order is
// logged once at start-up.
import type { Middleware, TurnContext } from 'botbuilder';
import { fillTemplate } from '../dialogs/fillTemplate';
import type { AgentDesk } from './handoff/agentDesk';
import { HandoffRelayMiddleware } from './handoff/handoffRelay';
import type { Logger } from './logger';
import type { BotMetrics } from './metrics/botMetrics';
import { TurnMetricsMiddleware } from './metrics/turnMetricsMiddleware';
import { CardSubmitAsTextMiddleware } from './middleware/cardSubmitAsText';
import { TruncateLongTextMiddleware } from './middleware/truncateLongText';
import { TurnLoggerMiddleware } from './middleware/turnLogger';
import { RedactionMiddleware } from './privacy/redactionMiddleware';
import { ReplyBufferMiddleware } from './storage/replyBuffer';

export interface TurnPipelineParts {
    metrics: BotMetrics;
    /** serviceUrlGuardFor(...): what the allow-list refuses is never sent. */
    serviceUrlGuard: Middleware;
    maxTextLength: number;
    /** knowledge.replies.textTruncated, with {limit}, in the language of the turn's message. */
    truncatedNotice: (context: TurnContext) => string;
    /** The transcript recorder; absent when transcripts are off. */
    transcripts: Middleware | undefined;
    log: Logger;
    desk: AgentDesk;
}

export interface PipelineStep {
    name: string;
    middleware: Middleware;
}

export function turnPipeline(parts: TurnPipelineParts): PipelineStep[] {
    const limit = parts.maxTextLength.toLocaleString('en-US');
    const steps: (PipelineStep | undefined)[] = [
        // First, so the turn latency it measures covers everything after it.
        { name: 'turn metrics', middleware: new TurnMetricsMiddleware(parts.metrics) },
        // Replies of a turn attempt that lost a state race are dropped, not sent twice.
        { name: 'reply buffer', middleware: new ReplyBufferMiddleware() },
        // Ahead of everything that sends.
        { name: 'serviceUrl allow-list', middleware: parts.serviceUrlGuard },
        // A card's button press becomes the text it stands for, so redaction sees it too.
        { name: 'card submit as text', middleware: new CardSubmitAsTextMiddleware() },
        // Before anything reads, stores or logs the text.
        { name: 'security-code redaction', middleware: new RedactionMiddleware() },
        { name: 'long-text truncation', middleware: new TruncateLongTextMiddleware(parts.maxTextLength, (context) => fillTemplate(parts.truncatedNotice(context), { limit })) },
        parts.transcripts && { name: 'transcripts', middleware: parts.transcripts },
        { name: 'turn log', middleware: new TurnLoggerMiddleware(parts.log) },
        // Last: a conversation connected to an agent skips the bot, but was still checked and recorded above.
        { name: 'handoff relay', middleware: new HandoffRelayMiddleware(parts.desk) }
    ];
    return steps.filter((step): step is PipelineStep => step !== undefined);
}

export function installTurnPipeline(adapter: { use(...middleware: Middleware[]): unknown }, steps: readonly PipelineStep[], log: Logger): void {
    adapter.use(...steps.map((step) => step.middleware));
    log.info({ middleware: steps.map((step) => step.name) }, 'turn pipeline');
}
