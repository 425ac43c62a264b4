// Issue 7.5: transcripts through botbuilder's TranscriptLoggerMiddleware, after redaction, into
// the store that goes with STORAGE; the retention sweep; the stores' contract.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { MemoryStorage, type Activity } from 'botbuilder';
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import { redactionMarker } from '../../bot/privacy/redactSecurityCodes';
import { ManagedBlobsTranscriptStore, transcriptContainerName } from '../../bot/transcripts/blobsTranscripts';
import { createTranscriptStore } from '../../bot/transcripts/createTranscriptStore';
import { deletePersonData } from '../../bot/personData/deletePersonData';
import { FileTranscriptStore, transcriptFile } from '../../bot/transcripts/fileTranscriptStore';
import { allActivities, allTranscripts, type ManagedTranscriptStore } from '../../bot/transcripts/managedTranscriptStore';
import { ManagedMemoryTranscriptStore } from '../../bot/transcripts/memoryTranscripts';
import { pruneTranscripts, startTranscriptRetention } from '../../bot/transcripts/retention';
import { transcriptCopy } from '../../bot/transcripts/transcriptMiddleware';
import { useAzurite } from '../storage/useAzurite';
import { activity, post, startSecuredBot } from './securedBot';

const day = 24 * 60 * 60 * 1000;

function act(channelId: string, conversationId: string, n: number, at: Date, from = 'person'): Activity {
    return {
        type: 'message',
        id: `${conversationId}-${n}`,
        channelId,
        conversation: { id: conversationId },
        from: { id: from, role: from === 'bot' ? 'bot' : 'user' },
        recipient: { id: from === 'bot' ? 'person' : 'bot' },
        text: `message ${n}`,
        timestamp: at
    } as Activity;
}

function storeContract(name: string, open: () => Promise<{ store: ManagedTranscriptStore; close?: () => Promise<void> }>) {
    describe(`${name} transcript store`, function () {
        this.timeout(30_000);
        let store: ManagedTranscriptStore;
        let close: (() => Promise<void>) | undefined;
        beforeEach(async () => {
            ({ store, close } = await open());
        });
        afterEach(async () => close?.());

        it('keeps activities in order, per conversation, and pages through them', async () => {
            const t0 = new Date('2030-01-01T00:00:00Z');
            for (let i = 0; i < 45; i++) await store.logActivity(act('test', 'conv-a', i, new Date(t0.getTime() + i * 1000)));
            await store.logActivity(act('test', 'conv-ab', 0, t0)); // shares a prefix with conv-a
            await store.logActivity(act('other', 'conv-a', 0, t0));
            const all = await allActivities(store, 'test', 'conv-a');
            expect(all.map((a) => a.id)).to.deep.equal(Array.from({ length: 45 }, (_, i) => `conv-a-${i}`));
            expect(all[0]!.timestamp).to.be.instanceOf(Date);
            const page = await store.getTranscriptActivities('test', 'conv-a');
            expect(page.items.length).to.be.within(1, 45);
            const later = await store.getTranscriptActivities('test', 'conv-a', undefined, new Date(t0.getTime() + 40_000));
            expect(later.items.map((a) => a.id)).to.deep.equal(['conv-a-40', 'conv-a-41', 'conv-a-42', 'conv-a-43', 'conv-a-44']);
        });

        it('lists transcripts and channels, and deletes exactly one conversation', async () => {
            const t0 = new Date('2030-01-01T00:00:00Z');
            await store.logActivity(act('test', 'conv-a', 0, t0));
            await store.logActivity(act('test', 'conv-a', 1, new Date(t0.getTime() + 5000)));
            await store.logActivity(act('test', 'conv-ab', 0, new Date(t0.getTime() + 1000)));
            await store.logActivity(act('msteams', 'a:1/b:2', 0, t0));
            const listed = await allTranscripts(store, 'test');
            expect(listed.map((t) => t.id).sort()).to.deep.equal(['conv-a', 'conv-ab']);
            expect(listed.find((t) => t.id === 'conv-a')!.created).to.be.instanceOf(Date);
            expect((await store.listChannels()).sort()).to.deep.equal(['msteams', 'test']);
            await store.deleteTranscript('test', 'conv-a');
            expect(await allActivities(store, 'test', 'conv-a')).to.deep.equal([]);
            expect((await allActivities(store, 'test', 'conv-ab')).length).to.equal(1);
            expect((await allActivities(store, 'msteams', 'a:1/b:2')).length).to.equal(1);
        });

        it('removes some activities and keeps the rest in order', async () => {
            const t0 = new Date('2030-01-01T00:00:00Z');
            for (let i = 0; i < 6; i++) await store.logActivity(act('test', 'c', i, new Date(t0.getTime() + i)));
            expect(await store.removeActivities('test', 'c', (a) => Number(a.id!.split('-')[1]) % 2 === 0)).to.equal(3);
            expect((await allActivities(store, 'test', 'c')).map((a) => a.id)).to.deep.equal(['c-1', 'c-3', 'c-5']);
            expect(await store.removeActivities('test', 'c', () => true)).to.equal(3);
            expect(await allTranscripts(store, 'test')).to.deep.equal([]);
        });

        it('prunes what is older than the retention, keeping recent activities of a long conversation', async () => {
            const now = new Date('2030-06-30T00:00:00Z');
            const ago = (days: number) => new Date(now.getTime() - days * day);
            await store.logActivity(act('test', 'old', 0, ago(40)));
            await store.logActivity(act('test', 'old', 1, ago(35)));
            await store.logActivity(act('test', 'ongoing', 0, ago(60)));
            await store.logActivity(act('test', 'ongoing', 1, ago(2)));
            await store.logActivity(act('test', 'recent', 0, ago(1)));
            const result = await pruneTranscripts(store, now, 30);
            expect(result).to.deep.include({ deletedTranscripts: 1, removedActivities: 1, examined: 3 });
            expect((await allTranscripts(store, 'test')).map((t) => t.id).sort()).to.deep.equal(['ongoing', 'recent']);
            expect((await allActivities(store, 'test', 'ongoing')).map((a) => a.id)).to.deep.equal(['ongoing-1']);
            expect(await pruneTranscripts(store, now, 30)).to.deep.include({ deletedTranscripts: 0, removedActivities: 0 });
        });
    });
}

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));
function tempDir(prefix: string) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    folders.push(dir);
    return dir;
}

storeContract('file', async () => ({ store: new FileTranscriptStore(tempDir('transcripts-')) }));
storeContract('memory', async () => ({ store: new ManagedMemoryTranscriptStore() }));

describe('blobs transcript store (Azurite)', function () {
    this.timeout(60_000);
    const azurite = useAzurite('the blobs transcript store');
    let n = 0;
    storeContract('blobs', async () => ({ store: new ManagedBlobsTranscriptStore(azurite().connectionString, `transcripts-${++n}`) }));
});

describe('file transcript store: files and names', () => {
    it('keeps any id inside its folder, hashing ids too long for a file name', async () => {
        const root = tempDir('names-');
        const store = new FileTranscriptStore(root);
        const ids = ['../../escape', '..', 'a/b\\c:d*e?f', '19:abc@thread.tacv2;messageid=1', 'x'.repeat(400)];
        for (const id of ids) await store.logActivity(act('../chan', id, 0, new Date()));
        expect(readdirSync(resolve(root, '..')).filter((n) => n === 'escape' || n === 'chan')).to.deep.equal([]);
        expect((await allTranscripts(store, '../chan')).map((t) => t.id).sort()).to.deep.equal([...ids].sort());
        expect(await store.listChannels()).to.deep.equal(['../chan']);
        for (const id of ids) expect((await allActivities(store, '../chan', id)).length, id).to.equal(1);
    });

    it('names files by the hex of the id, so an id with a lone surrogate is stored rather than skipped', async () => {
        const root = tempDir('hex-');
        const store = new FileTranscriptStore(root);
        const id = 'conv-\ud800-lone';
        await store.logActivity(act('test', id, 0, new Date()));
        expect((await allActivities(store, 'test', id)).map((a) => a.id)).to.deep.equal([`${id}-0`]);
        expect(readdirSync(join(root, readdirSync(root)[0]!))[0]).to.match(/^x\.[0-9a-f]+\.jsonl$/);
        await store.deleteTranscript('test', id);
        expect(await allTranscripts(store, 'test')).to.deep.equal([]);
    });

    it('keeps finding transcripts written under the old percent-encoded names: read, listed, pruned, deleted, and by data:delete', async () => {
        const root = tempDir('legacy-');
        const now = new Date('2030-06-30T00:00:00Z');
        const line = (conversationId: string, n: number, daysAgo: number, from = 'person') => JSON.stringify(act('test', conversationId, n, new Date(now.getTime() - daysAgo * day), from)) + '\n';
        // What the store wrote before issue 13: DATA_DIR/transcripts/<percent-encoded channel>/<percent-encoded id>.jsonl
        mkdirSync(join(root, 'test'), { recursive: true });
        writeFileSync(join(root, 'test', 'old-only.jsonl'), line('old-only', 0, 40) + line('old-only', 1, 35));
        writeFileSync(join(root, 'test', 'a%3A1%2Fb.jsonl'), line('a:1/b', 0, 50));
        writeFileSync(join(root, 'test', 'mine.jsonl'), line('mine', 0, 3, 'alice'));
        const store = new FileTranscriptStore(root);
        // A conversation that goes on after the upgrade: its new lines go to the new name.
        await store.logActivity(act('test', 'a:1/b', 1, new Date(now.getTime() - 1 * day)));
        await store.logActivity(act('test', 'mine', 1, new Date(now.getTime() - 1 * day), 'alice'));

        expect(await store.listChannels()).to.deep.equal(['test']);
        const listed = await allTranscripts(store, 'test');
        expect(listed.map((t) => t.id).sort()).to.deep.equal(['a:1/b', 'mine', 'old-only']);
        expect(listed.find((t) => t.id === 'a:1/b')!.created.toISOString()).to.equal(new Date(now.getTime() - 50 * day).toISOString());
        expect((await allActivities(store, 'test', 'a:1/b')).map((a) => a.id)).to.deep.equal(['a:1/b-0', 'a:1/b-1']);

        const pruned = await pruneTranscripts(store, now, 30);
        expect(pruned).to.deep.include({ deletedTranscripts: 1, removedActivities: 1 });
        expect((await allTranscripts(store, 'test')).map((t) => t.id).sort()).to.deep.equal(['a:1/b', 'mine']);
        expect((await allActivities(store, 'test', 'a:1/b')).map((a) => a.id)).to.deep.equal(['a:1/b-1']);

        const report = await deletePersonData({ userId: 'alice', channelId: 'test', transcripts: store, storage: new MemoryStorage() });
        expect(report.transcriptsDeleted).to.deep.equal([{ channelId: 'test', conversationId: 'mine', activities: 2 }]);
        expect(await allActivities(store, 'test', 'mine')).to.deep.equal([]);
        expect(readdirSync(join(root, 'test'))).to.deep.equal([]);
    });

    it('skips a torn last line and keeps concurrent appends whole and in order', async () => {
        const root = tempDir('torn-');
        const store = new FileTranscriptStore(root);
        await Promise.all(Array.from({ length: 200 }, (_, i) => store.logActivity(act('test', 'busy', i, new Date(), 'p'))));
        const file = transcriptFile(root, 'test', 'busy');
        appendFileSync(file, '{"type":"message","tex');
        const all = await allActivities(store, 'test', 'busy');
        expect(all.map((a) => a.id)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `busy-${i}`));
        writeFileSync(file, '');
        expect(await allActivities(store, 'test', 'busy')).to.deep.equal([]);
    });

    it('lists every transcript exactly once, even while new conversations start during the listing', async () => {
        const root = tempDir('paging-');
        const store = new FileTranscriptStore(root);
        for (let i = 0; i < 65; i++) await store.logActivity(act('test', `before-${String(i).padStart(2, '0')}`, 0, new Date()));
        const seen: string[] = [];
        let token: string | undefined;
        do {
            const page = await store.listTranscripts('test', token);
            seen.push(...page.items.map((t) => t.id));
            // A conversation that sorts first starts between pages: it must not shift the pages.
            await store.logActivity(act('test', `aaa-during-${seen.length}`, 0, new Date()));
            token = page.continuationToken || undefined;
        } while (token);
        expect(seen).to.deep.equal(Array.from({ length: 65 }, (_, i) => `before-${String(i).padStart(2, '0')}`));
        // A new listing sees them.
        expect((await allTranscripts(store, 'test')).length).to.equal(65 + 4);
    });
});

describe('transcripts: choosing and writing', () => {
    it('picks the store that goes with STORAGE (cosmos: the blob container when configured, else none)', () => {
        const base = { DATA_DIR: '/tmp/x' };
        expect(createTranscriptStore(loadConfig({ ...base, STORAGE: 'file' })).kind).to.equal('file');
        expect(createTranscriptStore(loadConfig({ ...base, STORAGE: 'memory' })).kind).to.equal('memory');
        const blobs = { BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', BLOB_CONTAINER: 'bot-state' };
        expect(createTranscriptStore(loadConfig({ ...base, STORAGE: 'blobs', ...blobs }))).to.include({ kind: 'blobs', where: 'blob container bot-state-transcripts' });
        const cosmos = { STORAGE: 'cosmos', COSMOS_ENDPOINT: 'https://x.documents.azure.com', COSMOS_KEY: 'k', COSMOS_DATABASE: 'd', COSMOS_CONTAINER: 'c' };
        expect(createTranscriptStore(loadConfig({ ...base, ...cosmos, ...blobs })).kind).to.equal('blobs');
        expect(createTranscriptStore(loadConfig({ ...base, ...cosmos }))).to.include({ kind: 'none', store: undefined });
        expect(transcriptContainerName('a'.repeat(63))).to.have.length(63);
    });

    it("stamps the bot's time and redacts the person's text, card values and attachments again (the server says who is the person)", () => {
        const now = new Date('2030-01-01T00:00:00Z');
        const copy = transcriptCopy(
            {
                type: 'message',
                from: { id: 'p', role: 'user' },
                text: 'pin 4821',
                value: { answer: 'my code is 1234', nested: ['code a7x9k2'] },
                attachments: [{ contentType: 'text/html', content: '<p>code 4821</p>' }],
                timestamp: new Date('1970-01-01T00:00:00Z')
            } as Activity,
            'incoming',
            now
        );
        expect(copy.timestamp).to.equal(now);
        expect(JSON.stringify(copy)).not.to.match(/4821|1234|a7x9k2/);
        const reply = transcriptCopy({ type: 'message', from: { id: 'bot', role: 'bot' }, text: 'Step 1234 of the manual' } as Activity, 'outgoing', now);
        expect(reply.text).to.equal('Step 1234 of the manual');
    });

    it('stores an allow-list of fields: names, channelData, entities, speech, summaries, URLs and client times are dropped', () => {
        const now = new Date('2030-01-01T00:00:00Z');
        const copy = transcriptCopy(
            {
                type: 'message',
                id: 'a-1',
                channelId: 'webchat',
                serviceUrl: 'https://attacker.example/',
                conversation: { id: 'c-1', name: 'Ann Example', conversationType: 'personal' },
                from: { id: 'u-1', name: 'Ann Example', role: 'bot' },
                recipient: { id: 'b-1', name: 'Support bot' },
                text: 'hello',
                speak: 'hello there',
                summary: 'a summary',
                channelData: { clientActivityID: 'x' },
                entities: [{ type: 'clientInfo', locale: 'en-GB' }],
                attachments: [{ contentType: 'text/plain', name: 'notes.txt', content: 'hi', contentUrl: 'https://attacker.example/f' }],
                membersAdded: [{ id: 'u-2', name: 'Bea Example' }],
                localTimestamp: new Date('1970-01-01T00:00:00Z'),
                timestamp: new Date('1970-01-01T00:00:00Z')
            } as unknown as Activity,
            'incoming',
            now
        );
        expect(copy).to.deep.equal({
            type: 'message',
            id: 'a-1',
            timestamp: now,
            channelId: 'webchat',
            conversation: { id: 'c-1', conversationType: 'personal' },
            from: { id: 'u-1', role: 'user' },
            recipient: { id: 'b-1', role: 'bot' },
            text: 'hello',
            attachments: [{ contentType: 'text/plain', name: 'notes.txt', content: 'hi' }],
            membersAdded: [{ id: 'u-2' }]
        });
    });

    it('records each turn through the running bot: the redacted message, the replies, and the bot time', async () => {
        const bot = await startSecuredBot();
        try {
            const started = Date.now();
            await post(bot.url, activity('tx-1', 'my code 4821 is not accepted', { timestamp: '1970-01-01T00:00:00.000Z' }));
            await post(bot.url, activity('tx-1', 'yes'));
            await bot.bot.transcripts.flush();
            const store = bot.bot.transcripts.choice.store!;
            const logged = await allActivities(store, 'test', 'tx-1');
            const fromPerson = logged.filter((a) => a.from?.role === 'user');
            expect(fromPerson.map((a) => a.text)).to.deep.equal([`my code ${redactionMarker} is not accepted`, 'yes']);
            expect(logged.filter((a) => a.type === 'message' && a.from?.role !== 'user').length).to.be.greaterThan(1);
            for (const a of logged) expect((a.timestamp as Date).getTime()).to.be.at.least(started - 1000);
        } finally {
            await bot.stop();
        }
    });

    it('runs the retention sweep on a timer that does not keep the process alive', async () => {
        const store = new ManagedMemoryTranscriptStore();
        await store.logActivity(act('test', 'ancient', 0, new Date('2000-01-01T00:00:00Z')));
        const timer = startTranscriptRetention(store, { days: 30, log: pino({ level: 'silent' }), firstSweepMs: 10, intervalMs: 60_000 });
        try {
            await new Promise((r) => setTimeout(r, 100));
            expect(await allTranscripts(store, 'test')).to.deep.equal([]);
            expect((await timer.sweep())?.examined).to.equal(0);
        } finally {
            timer.stop();
        }
        // Unref'd timers are not among the resources that keep the event loop alive.
        const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
        const before = timeouts();
        const idle = startTranscriptRetention(new ManagedMemoryTranscriptStore(), { days: 1, log: pino({ level: 'silent' }) });
        try {
            expect(timeouts()).to.equal(before);
        } finally {
            idle.stop();
        }
    });

    it('the file store writes JSON lines under DATA_DIR/transcripts', async () => {
        const dataDir = tempDir('bot-');
        const bot = await startSecuredBot({ STORAGE: 'file', DATA_DIR: dataDir });
        try {
            await post(bot.url, activity('tx-file', 'hello'));
            await bot.bot.transcripts.flush();
        } finally {
            await bot.stop();
        }
        const lines = readFileSync(transcriptFile(join(dataDir, 'transcripts'), 'test', 'tx-file'), 'utf8').trim().split('\n');
        expect(lines.length).to.be.greaterThan(1);
        expect(JSON.parse(lines[0]!)).to.deep.include({ text: 'hello', type: 'message' });
    });
});
