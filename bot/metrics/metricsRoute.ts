// GET /metrics: the Prometheus text format, for a scraper inside the deployment's network, on the
// bot's own server (see metricsAccess.ts for when, and with which token).
import type { Request, Response, Server } from 'restify';
import type { BotMetrics } from './botMetrics';
import { hasMetricsToken, metricsUnauthorized } from './metricsAccess';

export function addMetricsRoute(server: Server, metrics: BotMetrics, token?: string): void {
    server.get('/metrics', async (req: Request, res: Response) => {
        if (token && !hasMetricsToken(req.header('authorization'), token)) {
            const { status, headers, body } = metricsUnauthorized;
            res.sendRaw(status, JSON.stringify(body), headers);
            return;
        }
        const body = await metrics.scrape();
        res.sendRaw(200, body, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    });
}
