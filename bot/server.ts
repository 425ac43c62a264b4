// The restify server: body parsing with a size limit, JSON errors, and the routes.
import restify, { type Server } from 'restify';
import type { Config } from './config';

export function createHttpServer(config: Config): Server {
    const server = restify.createServer({ name: config.BRAND_NAME, handleUncaughtExceptions: false });
    // Reads at most MAX_BODY_BYTES (413 beyond) and answers malformed JSON with a 400.
    server.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));
    server.use(restify.plugins.queryParser({ mapParams: false }));
    return server;
}
