// The Cosmos DB feedback log on @vercel/cosmosdb-server: many appends at once from two writers
// lose nothing, a case's records read back in the order they were written, one case's records
// are deleted without touching the others', and the state beside them is neither read nor touched.
import { expect } from 'chai';
import { cosmosFeedbackLog } from '../../bot/feedback/createFeedbackLog';
import { prepareCosmosContainer } from '../../bot/storage/cosmosStartup';
import { cosmosOptions, createCosmosStorage } from '../../bot/storage/cosmosStore';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import { useCosmos } from './useCosmos';

const rating = (caseId: string, i: number): FeedbackRecord => ({
    kind: 'rating',
    caseId,
    at: new Date(Date.UTC(2026, 11, 6, 0, 0, i)).toISOString(),
    rating: i % 2 ? 'good' : 'bad'
});
const comment = (caseId: string, text: string): FeedbackRecord => ({ kind: 'comment', caseId, at: new Date().toISOString(), text });

describe('feedback records in Cosmos DB (@vercel/cosmosdb-server)', function () {
    this.timeout(120_000);
    const cosmos = useCosmos('the Cosmos DB feedback log suite');
    let container = 0;
    const config = () => ({
        COSMOS_ENDPOINT: cosmos().endpoint,
        COSMOS_KEY: cosmos().key,
        COSMOS_DATABASE: 'feedback-test',
        COSMOS_CONTAINER: `state-${container}`
    });
    // A fresh state container for each test, shared by the two writers (two clients, as two instances have).
    const writers = async () => {
        container += 1;
        // Trusting the emulator's test certificate is the only test-only setting.
        await prepareCosmosContainer({ ...cosmosOptions(config()), cosmosClientOptions: { agent: cosmos().agent } });
        return [1, 2].map(() => cosmosFeedbackLog(config(), { agent: cosmos().agent }));
    };

    it('300 appends at once from two writers are all read back, each once, and the state beside them is left alone', async () => {
        const [a, b] = await writers();
        const state = createCosmosStorage(config(), { cosmosClientOptions: { agent: cosmos().agent } });
        await state.write({ 'emulator/conversations/x/': { caseFile: { caseId: 'case-1' } } });
        const records = Array.from({ length: 300 }, (_, i) => rating(`case-${i % 30}`, i));
        await Promise.all(records.map((r, i) => (i % 2 ? a! : b!).append(r)));
        const progress: [number, number][] = [];
        const read = await a!.read((done, total) => progress.push([done, total]));
        expect(read.skippedLines).to.equal(0);
        expect(read.records).to.have.length(300);
        const key = (r: FeedbackRecord) => `${r.caseId} ${r.at}`;
        expect(read.records.map(key).sort()).to.deep.equal(records.map(key).sort());
        expect(progress.at(-1)).to.deep.equal([300, 300]);
        expect((await state.read(['emulator/conversations/x/']))['emulator/conversations/x/']).to.deep.include({ caseFile: { caseId: 'case-1' } });
    });

    it('reads a case’s records in the order they were written, whichever writer wrote them', async () => {
        const [a, b] = await writers();
        const texts = Array.from({ length: 12 }, (_, i) => `comment number ${String.fromCharCode(97 + i)}`);
        for (const [i, text] of texts.entries()) await (i % 2 ? a! : b!).append(comment('ordered', text));
        const read = await b!.readAll();
        expect(read.map((r) => (r.kind === 'comment' ? r.text : ''))).to.deep.equal(texts);
    });

    it('deletes the records of the cases named, and only those; a dry run deletes nothing', async () => {
        const [a, b] = await writers();
        for (const caseId of ['alice-1', 'alice-2', 'alice-10', 'bob-1']) {
            await a!.append(rating(caseId, 1));
            await b!.append(comment(caseId, `about ${caseId}`));
        }
        expect(await a!.deleteCases(new Set(['alice-1', 'alice-2']), true)).to.equal(4);
        expect(await b!.readAll()).to.have.length(8);
        expect(await a!.deleteCases(new Set(['alice-1', 'alice-2']), false)).to.equal(4);
        expect((await b!.readAll()).map((r) => r.caseId).sort()).to.deep.equal(['alice-10', 'alice-10', 'bob-1', 'bob-1']);
    });

    it('a container that does not exist reads as no records', async () => {
        const log = cosmosFeedbackLog({ ...config(), COSMOS_CONTAINER: 'never-made' }, { agent: cosmos().agent });
        expect(await log.read()).to.deep.equal({ records: [], skippedLines: 0 });
    });
});
