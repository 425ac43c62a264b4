// GET /healthz: 200 once the knowledge base and the classifier are loaded, 503 before that and
// while shutting down, so load balancers send turns only to an instance that can take them.
import type { Request, Response, Server } from 'restify';
import type { Readiness } from '../readiness';

export function addHealthRoute(server: Server, readiness: Readiness): void {
    server.get('/healthz', async (_req: Request, res: Response) => {
        res.status(readiness.isReady ? 200 : 503);
        res.json({ status: readiness.isReady ? 'ok' : 'starting', turnsInFlight: readiness.turnsInFlight });
    });
}
