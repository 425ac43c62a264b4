// Entry point: configuration, start, and a graceful stop on SIGTERM/SIGINT. Wiring only.
import { ConfigError, loadConfig } from './config';
import { KnowledgeError } from '../knowledge/load';
import { createLogger } from './logger';
import { StoreStartError } from './storage/botStore';
import { startTelemetry, stopTelemetry } from './telemetry/startTelemetry';
// startBot is required inside main(), after startTelemetry: a static import would load restify first.

async function main(): Promise<void> {
    const config = loadConfig();
    // Before restify, http and the Azure SDKs are loaded, so its instrumentation wraps them.
    startTelemetry(config);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startBot } = require('./startBot') as typeof import('./startBot');
    const log = createLogger(config);
    const bot = await startBot(config, log).catch((err: unknown) => {
        // The SDK's own error, with its stack, only when asked for (LOG_LEVEL=debug or trace).
        if (err instanceof StoreStartError) log.debug({ err: err.cause }, 'the store could not be opened');
        throw err;
    });
    console.log(`Bot ready at ${bot.url.replace('127.0.0.1', 'localhost')}/api/messages (Web Chat page: ${bot.url.replace('127.0.0.1', 'localhost')}/)`);
    let stopping = false;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
            if (stopping) return;
            stopping = true;
            log.info({ signal }, 'shutting down: finishing running turns');
            bot.stop().then(stopTelemetry).then(() => process.exit(0), (err) => {
                log.error({ err }, 'shutdown failed');
                process.exit(1);
            });
        });
    }
}

main().catch((err: unknown) => {
    // Bad configuration or knowledge is the operator's to fix: say what, without a stack trace.
    if (err instanceof ConfigError || err instanceof KnowledgeError) {
        console.error(err.message);
        process.exit(1);
    }
    // So is a store that is missing, refuses the key or cannot be reached: one line.
    if (err instanceof StoreStartError) {
        console.error(err.message);
        process.exit(1);
    }
    console.error('The bot could not start:', err);
    process.exit(1);
});
