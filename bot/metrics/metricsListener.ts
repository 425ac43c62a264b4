// A listener of its own for GET /metrics (METRICS_PORT), so the public port need not serve it.
// node:http is enough for one route; everything else is answered 404.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './botMetrics';
import { hasMetricsToken, metricsUnauthorized } from './metricsAccess';

export interface MetricsListener {
    /** http://host:port with the port actually bound (METRICS_PORT=0 picks a free one). */
    url: string;
    stop(): Promise<void>;
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
}

export async function startMetricsListener(
    metrics: BotMetrics,
    { port, host, token }: { port: number; host: string; token: string | undefined }
): Promise<MetricsListener> {
    const server: Server = createServer((req, res) => {
        const path = (req.url ?? '').split('?')[0];
        if (req.method !== 'GET' || path !== '/metrics') return sendJson(res, 404, { code: 'NotFound', message: 'This listener serves only GET /metrics.' });
        if (token && !hasMetricsToken(req.headers.authorization, token)) {
            const { status, headers, body } = metricsUnauthorized;
            return sendJson(res, status, body, headers);
        }
        metrics.scrape().then(
            (body) => {
                res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
                res.end(body);
            },
            () => sendJson(res, 500, { code: 'MetricsUnavailable', message: 'The metrics could not be collected; try the scrape again.' })
        );
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
    });
    const bound = server.address() as AddressInfo;
    const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
    return {
        url: `http://${shownHost}:${bound.port}`,
        stop: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            })
    };
}
