// Drives conversations at a running target with autocannon: `connections` people at once, each
// walking a whole troubleshooting path turn by turn (delivery mode expectReplies, so each reply
// comes back in the response and the next message waits for it), then starting a new
// conversation with a new id. The paths go round-robin across connections.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { BenchPath } from './conversationPaths';
import { expectRepliesMessage } from './expectRepliesMessage';

export interface DriveOptions {
    url: string;
    paths: BenchPath[];
    /** Whole conversations to walk; rounded up to a multiple of `connections`. */
    conversations: number;
    connections: number;
    /** 'bot' checks each walk ended as planned; 'echo' checks the echo of the last message. */
    check: 'bot' | 'echo';
    channelId?: string;
    /** Prefix for conversation ids, so separate phases never reuse one. */
    label: string;
}

export interface DriveResult {
    conversations: number;
    turns: number;
    seconds: number;
    /** Latency of every 2xx turn, in ms. */
    latenciesMs: number[];
    non2xx: number;
    errors: number;
    timeouts: number;
    /** Walks whose last reply was not what the path expects. */
    wrongEndings: number;
}

interface WalkContext {
    conversationId?: string;
    path?: BenchPath;
}

export async function driveTurns(options: DriveOptions): Promise<DriveResult> {
    const { paths, connections } = options;
    const turnsPerConversation = paths[0]!.texts.length;
    if (paths.some((p) => p.texts.length !== turnsPerConversation)) throw new Error('every path must have the same number of turns');
    const perConnection = Math.ceil(options.conversations / connections);
    const conversations = perConnection * connections;
    let started = 0;
    let wrongEndings = 0;
    const channelId = options.channelId ?? 'webchat';

    // conversationId is set by each walk's first request, before any body is built.
    const activity = (context: WalkContext, text: string) => JSON.stringify(expectRepliesMessage(context.conversationId!, text, channelId));

    const requests: autocannon.Request[] = Array.from({ length: turnsPerConversation }, (_, turn) => ({
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: autocannon.Request, context: WalkContext) => {
            if (turn === 0) {
                context.path = paths[started % paths.length]!;
                context.conversationId = `${options.label}-${started}-${randomUUID()}`;
                started += 1;
            }
            return { ...request, body: activity(context, context.path!.texts[turn]!) };
        },
        ...(turn === turnsPerConversation - 1
            ? {
                  onResponse: (status: number, body: string, context: WalkContext) => {
                      const expected = options.check === 'bot' ? context.path!.lastReplyIncludes : `: ${context.path!.texts[turn]}`;
                      if (status !== 200 || !body.includes(JSON.stringify(expected).slice(1, -1))) wrongEndings += 1;
                  }
              }
            : {})
    })) as autocannon.Request[];

    const latenciesMs: number[] = [];
    const begin = performance.now();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
            { url: options.url, connections, pipelining: 1, amount: conversations * turnsPerConversation, timeout: 30, requests },
            (err, finished) => (err ? reject(err) : resolve(finished))
        );
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
            if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
        });
    });
    const seconds = (performance.now() - begin) / 1000;
    return {
        conversations,
        turns: result.requests.total,
        seconds,
        latenciesMs,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        wrongEndings
    };
}

export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
