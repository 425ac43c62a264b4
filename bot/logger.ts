// Structured logs (pino, one JSON object a line). Message text is never logged at info:
// people type personal details into support chats.
import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
    return pino({ level: config.LOG_LEVEL, base: { service: 'support-bot' } });
}
