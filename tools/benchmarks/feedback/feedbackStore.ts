// npx tsx tools/benchmarks/feedback/feedbackStore.ts [--records 2000] [--in-flight 16]
//
// The shared feedback logs on the local emulators: how long one append takes (what a turn that
// writes a record waits for) and how long `npm run report` takes to read N records back (one
// download per blob; pages of 1,000 items from Cosmos DB). Two writers append at once, as two
// instances would. Azurite and @vercel/cosmosdb-server run on the same machine: the figures
// measure CPU and the request count, not Azure's network.
import { parseArgs } from 'node:util';
import { ContainerClient } from '@azure/storage-blob';
import { BlobsFeedbackLog } from '../../../bot/feedback/blobsFeedbackLog';
import { cosmosFeedbackLog } from '../../../bot/feedback/createFeedbackLog';
import { prepareCosmosContainer } from '../../../bot/storage/cosmosStartup';
import { cosmosOptions } from '../../../bot/storage/cosmosStore';
import type { FeedbackRecord } from '../../../dialogs/feedbackRecord';
import { startAzurite } from '../../emulators/azurite';
import { startCosmosServer } from '../../emulators/cosmosServer';

interface Log {
    append(record: FeedbackRecord): Promise<void>;
    read(): Promise<{ records: FeedbackRecord[] }>;
}

const { values } = parseArgs({ options: { records: { type: 'string', default: '2000' }, 'in-flight': { type: 'string', default: '16' } } });
const total = Number(values.records);
const inFlight = Number(values['in-flight']);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** A reply record, the commonest kind (one per answer at a question). */
const record = (i: number): FeedbackRecord => ({
    kind: 'reply',
    caseId: `m${(1_700_000_000_000 + Math.floor(i / 10) * 60_000).toString(36)}-bench`,
    at: new Date().toISOString(),
    symptom: 'code_not_accepted',
    question: 'code_not_accepted.step1',
    understood: 'button'
});

async function measure(name: string, writers: Log[]): Promise<string> {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
        Array.from({ length: inFlight }, async (_, w) => {
            while (next < total) {
                const i = next++;
                const t = performance.now();
                await writers[w % writers.length]!.append(record(i));
                latencies.push(performance.now() - t);
            }
        })
    );
    const appendSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const readStarted = performance.now();
    const read = await writers[0]!.read();
    const readSeconds = (performance.now() - readStarted) / 1000;
    if (read.records.length !== total) throw new Error(`${name}: wrote ${total} records, read ${read.records.length}`);
    return `| ${name} | ${total} | ${(total / appendSeconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${readSeconds.toFixed(2)} | ${(total / readSeconds).toFixed(0)} |`;
}

async function main(): Promise<void> {
    const rows: string[] = [];
    const azurite = await startAzurite();
    try {
        const writers = [1, 2].map(() => new BlobsFeedbackLog(new ContainerClient(azurite.connectionString, 'bench-feedback')));
        rows.push(await measure('`STORAGE=blobs` (Azurite)', writers));
    } finally {
        await azurite.stop();
    }
    const cosmos = await startCosmosServer();
    try {
        const config = { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key, COSMOS_DATABASE: 'bench', COSMOS_CONTAINER: 'state' };
        await prepareCosmosContainer({ ...cosmosOptions(config), cosmosClientOptions: { agent: cosmos.agent } });
        const writers = [1, 2].map(() => cosmosFeedbackLog(config, { agent: cosmos.agent }));
        rows.push(await measure('`STORAGE=cosmos` (@vercel/cosmosdb-server)', writers));
    } finally {
        await cosmos.stop();
    }
    console.log(`${inFlight} appends in flight over two writers\n`);
    console.log('| store | records | appends/s | append p50 ms | append p95 ms | report read s | records read/s |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
