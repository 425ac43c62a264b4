// One benchmark target in a process of its own, so its memory is its own: `echo` (the ceiling)
// `dialogs` (the SDK's dialog floor, dialogsFloorBot.ts) or `bot` (startBot, the whole support
// bot, configured by the environment like `npm start`).
// Talks to the benchmark over IPC: sends {ready, url}; answers {memory} with its memory after
// a full garbage collection (the process runs with --expose-gc); stops on {stop}.
import { loadConfig } from '../../../bot/config';
import { startBot } from '../../../bot/startBot';
import { startDialogsFloorBot } from './dialogsFloorBot';
import { startEchoBot } from './echoBot';

export interface MemorySample {
    rss: number;
    heapUsed: number;
    heapTotal: number;
    external: number;
    arrayBuffers: number;
    /** CPU time the process has used so far (user + system), in ms. */
    cpuMs: number;
}

export type ToTarget = { cmd: 'memory' } | { cmd: 'stop' };
export type FromTarget = { ready: true; url: string } | { memory: MemorySample } | { stopped: true } | { failed: string };

function send(message: FromTarget): void {
    process.send?.(message);
}

function memoryAfterGc(): MemorySample {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
        gc();
        gc();
    }
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    return { rss, heapUsed, heapTotal, external, arrayBuffers, cpuMs: (user + system) / 1000 };
}

async function main(): Promise<void> {
    const target = process.argv[2];
    const config = loadConfig();
    const starters: Record<string, () => Promise<{ url: string; stop(): Promise<void> }>> = {
        echo: () => startEchoBot(config),
        dialogs: () => startDialogsFloorBot(config),
        bot: () => startBot(config)
    };
    const start = target ? starters[target] : undefined;
    if (!start) throw new Error(`unknown target '${target}': echo, dialogs or bot`);
    const running = await start();
    process.on('message', (message: ToTarget) => {
        if (message.cmd === 'memory') send({ memory: memoryAfterGc() });
        if (message.cmd === 'stop') {
            void running.stop().then(() => {
                send({ stopped: true });
                process.disconnect?.();
                process.exit(0);
            });
        }
    });
    // Without the parent there is nobody to stop us.
    process.on('disconnect', () => process.exit(0));
    send({ ready: true, url: running.url });
}

main().catch((err: unknown) => {
    send({ failed: err instanceof Error ? err.stack ?? err.message : String(err) });
    process.exit(1);
});
