// The Blob Storage feedback log on Azurite: many appends at once from two writers lose nothing,
// a case's records read back in the order they were written, and one case's records are deleted
// without touching the others'.
import { expect } from 'chai';
import { ContainerClient } from '@azure/storage-blob';
import { BlobsFeedbackLog } from '../../bot/feedback/blobsFeedbackLog';
import { runReport } from '../../bot/report/cli';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import { useAzurite } from './useAzurite';

const rating = (caseId: string, i: number): FeedbackRecord => ({
    kind: 'rating',
    caseId,
    at: new Date(Date.UTC(2026, 11, 6, 0, 0, i)).toISOString(),
    rating: i % 2 ? 'good' : 'bad'
});
const comment = (caseId: string, text: string): FeedbackRecord => ({ kind: 'comment', caseId, at: new Date().toISOString(), text });

describe('feedback records in Blob Storage (Azurite)', function () {
    this.timeout(120_000);
    const azurite = useAzurite('the Blob Storage feedback log suite');
    let container = 0;
    // A fresh container for each test, shared by the two writers (two clients, as two instances have).
    const writers = () => {
        container += 1;
        return [1, 2].map(() => new BlobsFeedbackLog(new ContainerClient(azurite().connectionString, `feedback-test-${container}`)));
    };

    it('300 appends at once from two writers are all read back, each once', async () => {
        const [a, b] = writers();
        const records = Array.from({ length: 300 }, (_, i) => rating(`case-${i % 30}`, i));
        await Promise.all(records.map((r, i) => (i % 2 ? a! : b!).append(r)));
        const progress: [number, number][] = [];
        const read = await a!.read((done, total) => progress.push([done, total]));
        expect(read.skippedLines).to.equal(0);
        expect(read.records).to.have.length(300);
        const key = (r: FeedbackRecord) => `${r.caseId} ${r.at}`;
        expect(read.records.map(key).sort()).to.deep.equal(records.map(key).sort());
        expect(progress.at(-1)).to.deep.equal([300, 300]);
    });

    it('reads a case’s records in the order they were written, whichever writer wrote them', async () => {
        const [a, b] = writers();
        const texts = Array.from({ length: 12 }, (_, i) => `comment number ${String.fromCharCode(97 + i)}`);
        for (const [i, text] of texts.entries()) await (i % 2 ? a! : b!).append(comment('ordered', text));
        const read = await b!.readAll();
        expect(read.map((r) => (r.kind === 'comment' ? r.text : ''))).to.deep.equal(texts);
    });

    it('deletes the records of the cases named, and only those; a dry run deletes nothing', async () => {
        const [a, b] = writers();
        for (const caseId of ['alice-1', 'alice-2', 'alice-10', 'bob-1']) {
            await a!.append(rating(caseId, 1));
            await b!.append(comment(caseId, `about ${caseId}`));
        }
        expect(await a!.deleteCases(new Set(['alice-1', 'alice-2']), true)).to.equal(4);
        expect(await b!.readAll()).to.have.length(8);
        expect(await a!.deleteCases(new Set(['alice-1', 'alice-2']), false)).to.equal(4);
        // "alice-1" is a prefix of "alice-10" as text, not as a case.
        expect((await b!.readAll()).map((r) => r.caseId).sort()).to.deep.equal(['alice-10', 'alice-10', 'bob-1', 'bob-1']);
    });

    it('a container that does not exist yet reads as no records, and the first append makes it', async () => {
        const [a] = writers();
        expect(await a!.read()).to.deep.equal({ records: [], skippedLines: 0 });
        await a!.append(rating('first', 1));
        expect(await a!.readAll()).to.have.length(1);
    });

    it('npm run report reads them with STORAGE=blobs, saying where from and how far it has got', async () => {
        const log = new BlobsFeedbackLog(new ContainerClient(azurite().connectionString, 'progress-feedback'));
        await Promise.all(Array.from({ length: 120 }, (_, i) => log.append(rating(`case-${i}`, i))));
        let out = '';
        let err = '';
        const env = { STORAGE: 'blobs', BLOB_CONNECTION_STRING: azurite().connectionString, BLOB_CONTAINER: 'progress' };
        const code = await runReport(['--json'], { out: (t) => (out += t), err: (t) => (err += t), env, progress: { afterMs: 0, everyMs: 0 } });
        expect(code, err).to.equal(0);
        expect(err).to.match(/^Reading the feedback records from blob container progress-feedback at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1…\n/);
        expect(err).to.include('  1 of 120 read…\n');
        expect(err).to.include('  120 of 120 read…\n');
        expect(JSON.parse(out)).to.deep.include({ store: err.split('\n')[0]!.replace(/^Reading the feedback records from (.*)…$/, '$1') });
        expect((JSON.parse(out) as { overall: { ratings: { good: number; bad: number } } }).overall.ratings).to.deep.equal({ good: 60, bad: 60 });
    });
});
