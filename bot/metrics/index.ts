// Metrics for the bot host, wired by startBot in a few lines:
//
//   const metrics = new BotMetrics({ knowledge });
//   const feedback = new MeteredFeedbackSink(<the feedback log>, metrics);
//   const served = installMetrics(server, metrics, { config, log });   // turnPipeline times each turn
//   requestHuman: meteredRequestHuman(metrics, <the requestHuman given to createDialogDeps>)
//   await served.listen();  /  await served.stop();       // METRICS_PORT's own listener, if any
import type { Server } from 'restify';
import type { Logger } from '../logger';
import type { BotMetrics } from './botMetrics';
import { metricsExposure, type MetricsConfig, type MetricsExposure } from './metricsAccess';
import { startMetricsListener, type MetricsListener } from './metricsListener';
import { addMetricsRoute } from './metricsRoute';

export { BotMetrics } from './botMetrics';
export { MeteredFeedbackSink } from './meteredFeedbackSink';
export { meteredRequestHuman } from './meteredRequestHuman';

export interface ServedMetrics {
    exposure: MetricsExposure;
    /** Starts METRICS_PORT's listener when there is one; resolves with its URL. */
    listen(): Promise<string | undefined>;
    stop(): Promise<void>;
}

/** Serves GET /metrics where the configuration says (metricsAccess.ts). */
export function installMetrics(server: Server, metrics: BotMetrics, { config, log }: { config: MetricsConfig; log: Logger }): ServedMetrics {
    const exposure = metricsExposure(config);
    if (exposure.where === 'main') addMetricsRoute(server, metrics, exposure.token);
    if (exposure.where === 'off') log.warn({ metrics: 'off' }, exposure.reason);
    let listener: MetricsListener | undefined;
    return {
        exposure,
        async listen() {
            if (exposure.where === 'own listener') {
                listener ??= await startMetricsListener(metrics, exposure);
                log.info({ url: `${listener.url}/metrics`, token: exposure.token ? 'required' : 'none' }, 'metrics served on their own listener (METRICS_PORT)');
                return listener.url;
            }
            if (exposure.where === 'main') log.info({ path: '/metrics', token: exposure.token ? 'required' : 'none' }, 'metrics served on the bot\'s port');
            return undefined;
        },
        async stop() {
            await listener?.stop();
        }
    };
}
