// The file store's promise: a write that resolved survives kill -9 of the process, and the
// database opens cleanly afterwards, however often the writer dies mid-transaction.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { LmdbStorage } from '../../bot/storage/lmdbStorage';

const WRITER = join(__dirname, 'fixtures', 'writeLoop.ts');

/** Starts the writer, waits until it has acknowledged `minAcks` writes plus a random extra moment, then SIGKILLs it. */
function writeThenKill(dataDir: string, round: number, minAcks: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), WRITER, dataDir, String(round)], {
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const acked: string[] = [];
        let buffered = '';
        let stderr = '';
        let killing = false;
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the writer acknowledged only ${acked.length} writes in 20 s; stderr: ${stderr}`));
        }, 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
            buffered += chunk.toString();
            const lines = buffered.split('\n');
            buffered = lines.pop() ?? '';
            acked.push(...lines);
            if (!killing && acked.length >= minAcks) {
                killing = true;
                // Kill at a random moment, most likely in the middle of a commit.
                setTimeout(() => child.kill('SIGKILL'), Math.random() * 30);
            }
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself (code ${code}); stderr: ${stderr}`));
            else resolve(acked);
        });
    });
}

describe('file store (LMDB) under kill -9', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), 'lmdb-crash-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps every acknowledged write and opens cleanly, over three kills in a row', async () => {
        const everyAck: string[] = [];
        for (const round of [1, 2, 3]) {
            const acked = await writeThenKill(dir, round, 150 + Math.floor(Math.random() * 150));
            expect(acked.length, `round ${round} acknowledged writes`).to.be.greaterThan(0);
            everyAck.push(...acked);

            const storage = new LmdbStorage({ dataDir: dir });
            try {
                const keys = everyAck.flatMap((id) => [`w/${id}/a`, `w/${id}/b`]);
                const items = await storage.read(keys);
                const missing = keys.filter((k) => !items[k]);
                expect(missing, `acknowledged but lost after round ${round}`).to.deep.equal([]);
                for (const id of everyAck) expect(items[`w/${id}/a`].id).to.equal(id);
                // The overwritten key holds the last acknowledged write or one after it (written, not yet acknowledged).
                const last = (await storage.read([`last/${round}`]))[`last/${round}`];
                expect(last.i).to.be.at.least(Number(acked[acked.length - 1]!.split('-')[1]));
                // And the database still takes writes.
                await storage.write({ [`after/${round}`]: { ok: true } });
                expect((await storage.read([`after/${round}`]))[`after/${round}`].ok).to.equal(true);
            } finally {
                await storage.close();
            }
        }

        // Every entry in the file decodes: nothing half-written is visible.
        const db = open<string, string>({ path: join(dir, 'bot-state.mdb'), noSubdir: true, encoding: 'string', readOnly: true });
        try {
            let entries = 0;
            for (const { value } of db.getRange()) {
                JSON.parse(value);
                entries += 1;
            }
            expect(entries).to.be.at.least(everyAck.length * 2);
        } finally {
            await db.close();
        }
    });
});
