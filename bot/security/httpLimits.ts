// The limits every HTTP request meets before a route sees it:
//   pre   requestLimits       413 by Content-Length, 415 for compressed bodies
//   use   MessageRateLimiter  429 per conversation / per client address
// restify runs `pre` and `use` handlers per request, so installing them after the routes is fine.
import type { Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { MessageRateLimiter, type MessageRateLimitOptions } from './rateLimiter';
import { requestLimits } from './requestLimits';

export function installHttpLimits(server: Server, config: Config, log: Logger, rateLimit?: MessageRateLimitOptions): void {
    server.pre(requestLimits(config));
    server.use(new MessageRateLimiter(config, log, rateLimit).handler);
    log.info(
        {
            rateLimits: {
                perConversation: config.RATE_LIMIT_PER_CONVERSATION,
                perAddress: config.RATE_LIMIT_PER_ADDRESS,
                windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS
            }
        },
        'request limits on'
    );
}
