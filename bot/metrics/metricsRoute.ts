// GET /metrics: the Prometheus text format, for a scraper inside the deployment's network.
import type { Request, Response, Server } from 'restify';
import type { BotMetrics } from './botMetrics';

export function addMetricsRoute(server: Server, metrics: BotMetrics): void {
    server.get('/metrics', async (_req: Request, res: Response) => {
        const body = await metrics.scrape();
        res.sendRaw(200, body, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    });
}
