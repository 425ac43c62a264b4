// npx tsx tools/benchmarks/turns/storeLatency.ts [--writes 300]
// What one state write costs on this machine's disk, for reading the turn benchmark: the raw
// fdatasync of a small file, and LmdbStorage.write (what ConversationState and UserState each
// do once a turn), one at a time and 16 at once. Prints one JSON object.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LmdbStorage } from '../../../bot/storage/lmdbStorage';
import { percentile } from './driveTurns';

const summary = (ms: number[]) => ({ medianMs: percentile(ms, 50), p99Ms: percentile(ms, 99) });

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { writes: { type: 'string', default: '300' } } });
    const writes = Number(values.writes);
    const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
    try {
        const fd = openSync(join(dir, 'sync-probe'), 'w');
        const fsync: number[] = [];
        for (let i = 0; i < writes; i++) {
            const started = performance.now();
            writeSync(fd, Buffer.alloc(4096, i % 256));
            fdatasyncSync(fd);
            fsync.push(performance.now() - started);
        }
        closeSync(fd);

        const storage = new LmdbStorage({ dataDir: dir });
        // About the size of a conversation's state mid-troubleshooting (dialog stack and case file).
        const item = (i: number) => ({ dialogState: { stack: [{ id: 'main', state: { note: 'x'.repeat(2500) } }] }, turn: i, eTag: '*' });
        const sequential: number[] = [];
        for (let i = 0; i < writes; i++) {
            const started = performance.now();
            await storage.write({ [`conversation/${i % 64}`]: item(i) });
            sequential.push(performance.now() - started);
        }
        const concurrent: number[] = [];
        for (let round = 0; round < Math.ceil(writes / 16); round++) {
            await Promise.all(
                Array.from({ length: 16 }, async (_, j) => {
                    const started = performance.now();
                    await storage.write({ [`conversation/${j}`]: item(round) });
                    concurrent.push(performance.now() - started);
                })
            );
        }
        await storage.close();
        process.stdout.write(
            JSON.stringify({ writes, fdatasync4k: summary(fsync), lmdbWriteOneAtATime: summary(sequential), lmdbWrite16AtOnce: summary(concurrent) }) + '\n'
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
