// Who may read /metrics, and where it is served. The exposition names every intent, symptom and
// fix step with its counts, and the process's memory: useful to a scraper, not to the public.
//
//   METRICS_PORT set   /metrics only on a listener of its own (METRICS_HOST, default 127.0.0.1),
//                      which a scraper inside the deployment's network reaches and the public
//                      port does not serve;
//   METRICS_TOKEN set  /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (on either port);
//   neither            open in development (as before), not served at all in production: the bot
//                      says so at start.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config';

export type MetricsConfig = Pick<Config, 'NODE_ENV' | 'METRICS_TOKEN' | 'METRICS_PORT' | 'METRICS_HOST'>;

export type MetricsExposure =
    | { where: 'main'; token: string | undefined }
    | { where: 'own listener'; port: number; host: string; token: string | undefined }
    | { where: 'off'; reason: string };

export function metricsExposure(config: MetricsConfig): MetricsExposure {
    const token = config.METRICS_TOKEN;
    if (config.METRICS_PORT !== undefined) return { where: 'own listener', port: config.METRICS_PORT, host: config.METRICS_HOST, token };
    if (token || config.NODE_ENV !== 'production') return { where: 'main', token };
    return {
        where: 'off',
        reason: '/metrics is not served: in production it needs METRICS_TOKEN (a bearer token the scraper sends) or METRICS_PORT (a listener of its own); see README.md, "Metrics"'
    };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when the Authorization header carries the token; compared in constant time (hashes of equal length). */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
    const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
    return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

export const metricsUnauthorized = {
    status: 401,
    headers: { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: { code: 'Unauthorized', message: 'GET /metrics needs the header "Authorization: Bearer <METRICS_TOKEN>". Ask the bot\'s operator for the token.' }
} as const;
