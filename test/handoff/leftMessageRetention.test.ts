// Messages left for agents are removed after TRANSCRIPT_RETENTION_DAYS, like transcripts, by a
// sweep that never loses a message left meanwhile on another instance and never throws.
import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import pino from 'pino';
import { leftMessagesDocumentSchema, leftMessagesKey, type LeftMessage } from '../../bot/handoff/deskDocument';
import { DeskStore } from '../../bot/handoff/deskStore';
import { pruneLeftMessages, startLeftMessageRetention } from '../../bot/handoff/leftMessageRetention';
import { captureLog } from '../security/securedBot';

const day = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * day).toISOString();
const silent = pino({ level: 'silent' });

function leftMessage(caseId: string, at: string): LeftMessage {
    return {
        caseId,
        customer: { conversation: { id: `conversation-${caseId}`, isGroup: false, conversationType: 'personal', name: '' }, channelId: 'test' },
        summary: {
            caseId,
            symptom: 'code_not_accepted',
            symptomTitle: 'Code not accepted',
            channel: 'test',
            openedAt: at,
            reason: 'asked',
            answers: [],
            steps: [],
            confidence: [],
            firstMessage: `message of ${caseId}`,
            messages: [`message of ${caseId}`]
        },
        message: `message of ${caseId}`,
        at,
        more: [],
        answers: []
    };
}

const messagesIn = (storage: MemoryStorage) => new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema);

async function leave(storage: MemoryStorage, ...messages: LeftMessage[]): Promise<void> {
    await messagesIn(storage).update((m) => {
        m.leftMessages.push(...messages);
    });
}

async function caseIds(storage: MemoryStorage): Promise<string[]> {
    return (await messagesIn(storage).read()).leftMessages.map((m) => m.caseId);
}

/** MemoryStorage that runs `beforeNextWrite` once, just before the next write lands: another instance writing between a read and a write. */
class InterleavingStorage extends MemoryStorage {
    beforeNextWrite: (() => Promise<void>) | undefined;
    writes = 0;

    override async write(changes: StoreItems): Promise<void> {
        this.writes += 1;
        const before = this.beforeNextWrite;
        this.beforeNextWrite = undefined;
        if (before) await before();
        return super.write(changes);
    }
}

/** MemoryStorage whose writes fail the way an unreachable store's do (not an eTag conflict, so not retried). */
class FailingWriteStorage extends MemoryStorage {
    failWrites = false;

    override async write(changes: StoreItems): Promise<void> {
        if (this.failWrites) throw new Error('simulated storage outage: write timed out');
        return super.write(changes);
    }
}

describe('retention of messages left for agents', function () {
    it('removes messages older than the retention, keeps recent ones, and returns how many it removed', async () => {
        const storage = new MemoryStorage();
        await leave(storage, leftMessage('ancient', '2000-01-01T00:00:00.000Z'), leftMessage('old', daysAgo(31)), leftMessage('recent', daysAgo(29)), leftMessage('today', daysAgo(0)));

        expect(await pruneLeftMessages(storage, now, 30)).to.equal(2);
        expect(await caseIds(storage)).to.deep.equal(['recent', 'today']);
        expect(await pruneLeftMessages(storage, now, 30)).to.equal(0);
    });

    it('keeps a message exactly at the cutoff', async () => {
        const storage = new MemoryStorage();
        await leave(storage, leftMessage('at-cutoff', daysAgo(30)), leftMessage('just-before', new Date(now.getTime() - 30 * day - 1).toISOString()));

        expect(await pruneLeftMessages(storage, now, 30)).to.equal(1);
        expect(await caseIds(storage)).to.deep.equal(['at-cutoff']);
    });

    it('keeps a message whose time does not parse, and does not count it', async () => {
        const storage = new MemoryStorage();
        await leave(storage, leftMessage('garbled', 'not a date'), leftMessage('empty', ''), leftMessage('old', daysAgo(40)));

        expect(await pruneLeftMessages(storage, now, 30)).to.equal(1);
        expect(await caseIds(storage)).to.deep.equal(['garbled', 'empty']);
    });

    it('writes nothing when nothing is old, and creates no document where there was none', async () => {
        const storage = new InterleavingStorage();
        expect(await pruneLeftMessages(storage, now, 30)).to.equal(0);
        expect(await storage.read([leftMessagesKey])).to.deep.equal({});

        await leave(storage, leftMessage('recent', daysAgo(1)));
        const writes = storage.writes;
        expect(await pruneLeftMessages(storage, now, 30)).to.equal(0);
        expect(storage.writes).to.equal(writes);
    });

    it('keeps a message another instance left between the sweep’s read and its write', async () => {
        const storage = new InterleavingStorage();
        await leave(storage, leftMessage('old', daysAgo(31)), leftMessage('recent', daysAgo(1)));
        // The other instance has its own DeskStore on the same storage, as a second bot process would.
        storage.beforeNextWrite = () => leave(storage, leftMessage('meanwhile', daysAgo(0)));
        const writes = storage.writes;

        expect(await pruneLeftMessages(storage, now, 30)).to.equal(1);
        // The sweep's first write met the newer eTag and was applied again to the fresh document.
        expect(storage.writes - writes, 'sweep, other instance, sweep again').to.equal(3);
        expect(await caseIds(storage)).to.deep.equal(['recent', 'meanwhile']);
    });

    describe('the periodic sweep', function () {
        it('sweeps through the timer object and resolves with how many it removed, logging the count', async () => {
            const storage = new MemoryStorage();
            await leave(storage, leftMessage('old', daysAgo(31)), leftMessage('recent', daysAgo(1)));
            const { log, records } = captureLog('info');
            const timer = startLeftMessageRetention(storage, { days: 30, log, now: () => now });
            try {
                const [first, second] = await Promise.all([timer.sweep(), timer.sweep()]);
                expect(first).to.equal(1);
                // The second call awaited the running sweep instead of starting another.
                expect(second).to.equal(1);
                expect(await caseIds(storage)).to.deep.equal(['recent']);
                expect(await timer.sweep()).to.equal(0);
            } finally {
                await timer.stop();
            }
            const pruned = records().filter((r) => r.msg === 'messages left for agents pruned');
            expect(pruned).to.have.length(1);
            expect(pruned[0]).to.include({ level: 30, removed: 1, retentionDays: 30 });
        });

        it('runs the first sweep on its own timer, which does not keep the process alive', async () => {
            const storage = new MemoryStorage();
            await leave(storage, leftMessage('old', daysAgo(31)));
            const timer = startLeftMessageRetention(storage, { days: 30, log: silent, now: () => now, firstSweepMs: 10, intervalMs: 60_000 });
            try {
                await new Promise((r) => setTimeout(r, 100));
                expect(await caseIds(storage)).to.deep.equal([]);
            } finally {
                await timer.stop();
            }
            // Unref'd timers are not among the resources that keep the event loop alive.
            const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
            const before = timeouts();
            const idle = startLeftMessageRetention(new MemoryStorage(), { days: 30, log: silent });
            try {
                expect(timeouts()).to.equal(before);
            } finally {
                await idle.stop();
            }
        });

        it('logs an error and resolves, never throws, when the storage cannot be written', async () => {
            const storage = new FailingWriteStorage();
            await leave(storage, leftMessage('old', daysAgo(31)));
            storage.failWrites = true;
            const { log, records } = captureLog('info');
            const timer = startLeftMessageRetention(storage, { days: 30, log, now: () => now });
            try {
                expect(await timer.sweep()).to.equal(undefined);
            } finally {
                await timer.stop();
            }
            const failed = records().filter((r) => r.level === 50);
            expect(failed).to.have.length(1);
            expect(failed[0]!.msg).to.match(/^left-message retention sweep failed/).and.include('check that the storage');
            expect((failed[0]!.err as { message: string }).message).to.include('simulated storage outage');
            storage.failWrites = false;
            expect(await caseIds(storage), 'kept for the next sweep').to.deep.equal(['old']);
        });

        it('stop() waits for a sweep that is running', async () => {
            const storage = new InterleavingStorage();
            await leave(storage, leftMessage('old', daysAgo(31)));
            let release!: () => void;
            storage.beforeNextWrite = () => new Promise<void>((r) => (release = r));
            const timer = startLeftMessageRetention(storage, { days: 30, log: silent, now: () => now });
            const sweep = timer.sweep();
            while (!release) await new Promise((r) => setImmediate(r));
            let stopped = false;
            const stopping = timer.stop().then(() => (stopped = true));
            await new Promise((r) => setTimeout(r, 20));
            expect(stopped, 'still waiting for the write').to.equal(false);
            release();
            await stopping;
            expect(await sweep).to.equal(1);
            expect(await caseIds(storage)).to.deep.equal([]);
        });
    });
});
