// The transcript store STORAGE picks (or one given by a test), its recorder middleware and its
// retention sweep, started together and stopped together.
import type { Middleware } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createTranscriptStore, type TranscriptStoreChoice } from './createTranscriptStore';
import { startTranscriptRetention } from './retention';
import { createTranscriptMiddleware } from './transcriptMiddleware';

export interface RunningTranscripts {
    choice: TranscriptStoreChoice;
    /** For the turn pipeline; absent when transcripts are off. */
    middleware: Middleware | undefined;
    /** Resolves when the transcript writes started so far are done (they run after each turn). */
    flush(): Promise<void>;
    /** Stops the retention sweep and waits for the writes (before storage is closed). */
    stop(): Promise<void>;
}

export function startTranscripts(config: Config, log: Logger, chosen?: TranscriptStoreChoice): RunningTranscripts {
    const choice = chosen ?? createTranscriptStore(config);
    if (!choice.store) {
        log.warn({ storage: config.STORAGE }, `transcripts ${choice.where}`);
        return { choice, middleware: undefined, flush: async () => {}, stop: async () => {} };
    }
    const { middleware, logger } = createTranscriptMiddleware(choice.store, log);
    const retention = startTranscriptRetention(choice.store, { days: config.TRANSCRIPT_RETENTION_DAYS, log });
    log.info({ transcripts: choice.where, retentionDays: config.TRANSCRIPT_RETENTION_DAYS }, 'transcripts on');
    return {
        choice,
        middleware,
        flush: () => logger.flush(),
        async stop() {
            await retention.stop();
            await logger.flush();
        }
    };
}
