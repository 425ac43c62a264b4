// npx tsx --expose-gc tools/benchmarks/turns/heapGrowth.ts [--storage file] [--conversations 2000] [--rounds 3] [--rate-window 60]
// Does the bot keep anything per finished conversation? Starts the whole bot (startBot) in this
// process, walks rounds of conversations over HTTP (16 at once, the benchmark's paths), and
// after each round takes a heap snapshot after a full GC; then lists the object kinds whose
// count grew from the first round's snapshot to the last, with the growth per conversation.
// The rate limiter remembers a conversation for two of its windows (RATE_LIMIT_WINDOW_SECONDS,
// --rate-window): with rounds shorter than that its entries show up here; --rate-window 1 leaves
// only what outlives a conversation for good.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../../../bot/config';
import { startBot } from '../../../bot/startBot';
import { loadKnowledge } from '../../../knowledge/load';
import { benchPaths, type BenchPath } from './conversationPaths';
import { expectRepliesMessage } from './expectRepliesMessage';

interface HeapSnapshot {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
}

/** Count and bytes of each object kind ("object:Map", "closure:onTurn", "string") in a snapshot. */
export function countObjects(file: string): Map<string, { count: number; bytes: number }> {
    const heap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
    const fields = heap.snapshot.meta.node_fields;
    const types = heap.snapshot.meta.node_types[0];
    const width = fields.length;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
    const counts = new Map<string, { count: number; bytes: number }>();
    for (let i = 0; i < heap.nodes.length; i += width) {
        const type = types[heap.nodes[i + typeAt]!]!;
        if (type === 'hidden' || type === 'code' || type === 'synthetic') continue;
        const key = type === 'object' || type === 'closure' ? `${type}:${heap.strings[heap.nodes[i + nameAt]!]}` : type;
        const entry = counts.get(key) ?? { count: 0, bytes: 0 };
        entry.count += 1;
        entry.bytes += heap.nodes[i + sizeAt]!;
        counts.set(key, entry);
    }
    return counts;
}

async function walk(url: string, path: BenchPath, label: string): Promise<void> {
    const id = `${label}-${randomUUID()}`;
    for (const text of path.texts) {
        const post = () => fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(expectRepliesMessage(id, text))
        });
        // A keep-alive socket the server closed while a snapshot blocked it: one fresh try.
        const response = await post().catch(() => post());
        if (response.status !== 200) throw new Error(`turn failed: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
    }
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            storage: { type: 'string', default: 'file' },
            conversations: { type: 'string', default: '2000' },
            rounds: { type: 'string', default: '3' },
            'rate-window': { type: 'string', default: '60' }
        }
    });
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-heap-'));
    const bot = await startBot(
        loadConfig({ NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true', PORT: '0', LOG_LEVEL: 'warn', STORAGE: values.storage, DATA_DIR: dataDir, RATE_LIMIT_PER_ADDRESS: '1000000000', RATE_LIMIT_WINDOW_SECONDS: values['rate-window'] })
    );
    const paths = benchPaths(loadKnowledge());
    const perRound = Number(values.conversations);
    const snapshots: { conversations: number; file: string }[] = [];
    let started = 0;
    try {
        for (let round = 0; round < Number(values.rounds); round++) {
            const target = started + perRound;
            await Promise.all(
                Array.from({ length: 16 }, async () => {
                    while (started < target) {
                        const n = started++;
                        await walk(bot.url, paths[n % paths.length]!, `heap-${n}`);
                    }
                })
            );
            // FinalizationRegistry callbacks (fetch uses them for response bodies) run after a GC, in
            // a later task: let them run, then collect what they released.
            gc();
            await new Promise((resolve) => setTimeout(resolve, 200));
            gc();
            gc();
            const file = join(dataDir, `round${round}.heapsnapshot`);
            writeHeapSnapshot(file);
            snapshots.push({ conversations: started, file });
            console.log(`after ${started} conversations: heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);
        }
        const first = countObjects(snapshots[0]!.file);
        const last = countObjects(snapshots.at(-1)!.file);
        const conversations = snapshots.at(-1)!.conversations - snapshots[0]!.conversations;
        const growth = [...last.entries()]
            .map(([kind, { count, bytes }]) => ({ kind, count: count - (first.get(kind)?.count ?? 0), bytes: bytes - (first.get(kind)?.bytes ?? 0) }))
            .filter((g) => g.count > 0)
            .sort((a, b) => b.bytes - a.bytes)
            .slice(0, 15);
        console.log(`growth over ${conversations} conversations (object kind, count, bytes, per conversation):`);
        for (const g of growth) console.log(`  ${g.kind.padEnd(50)} +${g.count}  +${g.bytes} B  ${(g.count / conversations).toFixed(3)}/conv`);
    } finally {
        await bot.stop();
        rmSync(dataDir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
