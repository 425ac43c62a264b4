// Metrics for the bot host, wired by startBot in four lines:
//
//   const metrics = new BotMetrics({ knowledge });
//   const feedback = new MeteredFeedbackSink(<the feedback log>, metrics);
//   installMetrics(server, adapter, metrics);                // right after createAdapter, first adapter.use
//   requestHuman: meteredRequestHuman(metrics, <the requestHuman given to createDialogDeps>)
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { BotMetrics } from './botMetrics';
import { addMetricsRoute } from './metricsRoute';
import { TurnMetricsMiddleware } from './turnMetricsMiddleware';

export { BotMetrics } from './botMetrics';
export { MeteredFeedbackSink } from './meteredFeedbackSink';
export { meteredRequestHuman } from './meteredRequestHuman';

/**
 * Serves GET /metrics and times every turn. Call it before any other `adapter.use`, so the turn
 * latency covers the whole middleware pipeline and the bot.
 */
export function installMetrics(server: Server, adapter: Pick<CloudAdapter, 'use'>, metrics: BotMetrics): void {
    addMetricsRoute(server, metrics);
    adapter.use(new TurnMetricsMiddleware(metrics));
}
