// Wires issue 7's pieces into a running bot in one call, from startBot, right after
// `adapter.use(new RedactionMiddleware())` and before the routes take traffic:
//   HTTP (restify):  pre   requestLimits       413 by Content-Length, 415 for compressed bodies
//                    use   MessageRateLimiter  429 per conversation / per client address
//   adapter:         process guarded           JSON 401 for every authentication failure
//   middleware:      TruncateLongText -> TranscriptLogger -> TurnLogger  (after redaction)
//   timer:           transcript retention sweep (unref'd)
// restify runs `pre` and `use` handlers per request, so installing after the routes is fine.
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { fillTemplate } from '../../dialogs/fillTemplate';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { TruncateLongTextMiddleware } from '../middleware/truncateLongText';
import { TurnLoggerMiddleware } from '../middleware/turnLogger';
import { createTranscriptStore, type TranscriptStoreChoice } from '../transcripts/createTranscriptStore';
import { startTranscriptRetention, type RetentionTimer } from '../transcripts/retention';
import { createTranscriptMiddleware } from '../transcripts/transcriptMiddleware';
import { guardAuthentication } from './authenticationGuard';
import { MessageRateLimiter, type MessageRateLimitOptions } from './rateLimiter';
import { requestLimits } from './requestLimits';

export interface SecurityOptions {
    config: Config;
    log: Logger;
    /** knowledge.replies: textTruncated, with {limit}. */
    replies: { textTruncated: string };
    /** Overrides for tests (a clock, a smaller key bound). */
    rateLimit?: MessageRateLimitOptions;
    /** A transcript store of your own instead of the one STORAGE picks. */
    transcripts?: TranscriptStoreChoice;
}

export interface InstalledSecurity {
    rateLimiter: MessageRateLimiter;
    transcripts: TranscriptStoreChoice;
    retention: RetentionTimer | undefined;
    /** Resolves when the transcript writes started so far are done (they run after each turn). */
    flushTranscripts(): Promise<void>;
    /** Stops the retention timer and waits for transcript writes (call from RunningBot.stop, before closing storage). */
    stop(): Promise<void>;
}

const installed = new WeakMap<Server, InstalledSecurity>();

/** What installSecurity installed on this server, if it ran. */
export function installedSecurity(server: Server): InstalledSecurity | undefined {
    return installed.get(server);
}

export function installSecurity(server: Server, adapter: CloudAdapter, { config, log, replies, rateLimit, transcripts: chosen }: SecurityOptions): InstalledSecurity {
    const already = installed.get(server);
    if (already) return already;
    server.pre(requestLimits(config));
    const rateLimiter = new MessageRateLimiter(config, log, rateLimit);
    server.use(rateLimiter.handler);

    guardAuthentication(adapter, { appId: config.MicrosoftAppId, log });

    const limit = config.MAX_TEXT_LENGTH.toLocaleString('en-US');
    adapter.use(new TruncateLongTextMiddleware(config.MAX_TEXT_LENGTH, fillTemplate(replies.textTruncated, { limit })));

    const transcripts = chosen ?? createTranscriptStore(config);
    let retention: RetentionTimer | undefined;
    let flushTranscripts = async () => {};
    if (transcripts.store) {
        const { middleware, logger } = createTranscriptMiddleware(transcripts.store, log);
        adapter.use(middleware);
        flushTranscripts = () => logger.flush();
        retention = startTranscriptRetention(transcripts.store, { days: config.TRANSCRIPT_RETENTION_DAYS, log });
    }
    adapter.use(new TurnLoggerMiddleware(log));
    log.info(
        {
            transcripts: transcripts.where,
            retentionDays: config.TRANSCRIPT_RETENTION_DAYS,
            rateLimits: { perConversation: config.RATE_LIMIT_PER_CONVERSATION, perAddress: config.RATE_LIMIT_PER_ADDRESS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS }
        },
        'security installed'
    );
    if (!transcripts.store) log.warn({ storage: config.STORAGE }, `transcripts ${transcripts.where}`);

    const security: InstalledSecurity = {
        rateLimiter,
        transcripts,
        retention,
        flushTranscripts,
        async stop() {
            await retention?.stop();
            await flushTranscripts();
        }
    };
    installed.set(server, security);
    return security;
}
