// The restify server: body parsing with a size limit, JSON errors, and the routes.
import restify, { type Server } from 'restify';
import type { Config } from './config';
import { rejectDotSegments, rejectUnparsableTarget } from './http/requestTarget';

// restify 12 passes this through to its router (find-my-way 9); @types/restify (written for
// restify 8) does not know it yet.
declare module 'restify' {
    interface ServerOptions {
        /** Strip `;params` from a path segment before routing (find-my-way 7's, so restify 11's, only behaviour). */
        useSemicolonDelimiter?: boolean;
    }
}

export function createHttpServer(config: Config): Server {
    const server = restify.createServer({
        name: config.BRAND_NAME,
        handleUncaughtExceptions: false,
        // Routes `/api/messages;x` as restify 11 did, so the HTTP surface (and the rate limiter's
        // matched-route key, which already covers these spellings) stays what clients knew.
        useSemicolonDelimiter: true,
        // requestLimits sends `100 Continue` itself, only when the announced body is within the limit.
        noWriteContinue: true
    });
    // Before every other handler: restify 12 parses the target lazily and would throw from its router.
    server.pre(rejectUnparsableTarget);
    // First after routing, so requestLimits (a `pre`) answers 413/415 before this 404, as before.
    server.use(rejectDotSegments);
    // Reads at most MAX_BODY_BYTES (413 beyond) and answers malformed JSON with a 400.
    server.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));
    server.use(restify.plugins.queryParser({ mapParams: false }));
    return server;
}
