// Starts the real server (startBot on a free port, which installs the security pieces) and talks
// to it over HTTP.
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type Config } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { startBot, type RunningBot, type StartOptions } from '../../bot/startBot';
import { loadKnowledge } from '../../knowledge/load';

export interface SecuredBot {
    bot: RunningBot;
    config: Config;
    url: string;
    stop(): Promise<void>;
}

let knowledgeCache: ReturnType<typeof loadKnowledge> | undefined;
export function knowledge() {
    knowledgeCache ??= loadKnowledge();
    return knowledgeCache;
}

export async function startSecuredBot(env: Record<string, string> = {}, log?: Logger, options: Pick<StartOptions, 'rateLimit' | 'transcripts'> = {}): Promise<SecuredBot> {
    const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', ...env });
    const bot = await startBot(config, log ?? pino({ level: 'silent' }), options);
    return { bot, config, url: bot.url, stop: () => bot.stop(2000) };
}

/** A pino logger writing JSON lines into an array, and the parsed lines. */
export function captureLog(level: pino.LevelWithSilent = 'debug'): { log: Logger; lines: string[]; records: () => Record<string, unknown>[] } {
    const lines: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
            done();
        }
    });
    const log = pino({ level, base: { service: 'support-bot' } }, stream);
    return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let nextId = 0;
export function activity(conversationId: string, text: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
    nextId += 1;
    return {
        type: 'message',
        id: `act-${nextId}`,
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversationId },
        from: { id: `user-of-${conversationId}`, name: 'Person' },
        recipient: { id: 'bot', name: 'Bot' },
        ...(text === undefined ? {} : { text }),
        deliveryMode: 'expectReplies',
        ...extra
    };
}

export interface Reply {
    status: number;
    headers: Headers;
    text: string;
    json: unknown;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body)
    });
    const text = await response.text();
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
}

/** The activities of an expectReplies answer. */
export function repliesOf(reply: Reply): { type: string; name?: string; text?: string; value?: unknown; attachments?: unknown[] }[] {
    return ((reply.json as { activities?: unknown[] } | undefined)?.activities ?? []) as { type: string; text?: string }[];
}

/** The text a person sees in an expectReplies answer. */
export function visible(reply: Reply): string {
    return repliesOf(reply)
        .filter((a) => a.type === 'message')
        .map((a) => a.text ?? '')
        .join('\n');
}
