// `npm run bench:nlu`: the public benchmarks and the knowledge-base cross-validation, written as
// the intent classifier's section of BENCHMARKS.md, and the replies benchmark as the reply
// classifier's. Takes about ten minutes (CLINC150 is trained 2 x runs times);
// `npm run bench:nlu -- --only replies` runs the replies section alone (seconds).
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderRepliesSection, renderSection, repliesSectionEnd, repliesSectionStart, writeSection, type BenchFigures, type Timed } from './benchmarksReport';
import { measureReplies } from './replyBench';
import type { TrainingExample } from '../../bot/nlu/classification';
import { benchmarksDir, readJsonLines } from './datasets';
import { crossValidate, evaluate, type EvaluationResult } from './evaluate';
import { trainIntentClassifier } from '../../bot/nlu/intentClassifier';
import { assertWordVectorsInstalled, withWordVectors, WordVectorsMissing, type ResearchOptions } from './wordVectors';
import { loadKnowledge } from '../../knowledge/load';
import { trainingExamples } from '../../knowledge/trainingExamples';
import { knowledgeClassifierOptions, trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';

const repoRoot = join(__dirname, '..', '..');
const runs = Math.max(1, Number(process.env.NLU_BENCH_RUNS ?? 3));

function log(message: string): void {
    process.stderr.write(`bench:nlu: ${message}\n`);
}

function median(xs: number[]): number {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `once` `runs` times: the scores of the first run, the median times. */
function timed<T extends EvaluationResult>(label: string, once: () => T): Timed<T> {
    const results: T[] = [];
    for (let run = 1; run <= runs; run++) {
        log(`${label}, run ${run}/${runs}`);
        results.push(once());
    }
    const first = results[0]!;
    if (results.some((r) => r.accuracy !== first.accuracy)) throw new Error(`${label}: scores differ between runs; training is meant to be deterministic`);
    return { result: first, trainMs: median(results.map((r) => r.trainMs)), msPerUtterance: median(results.map((r) => r.msPerUtterance)) };
}

function top1InScope(train: TrainingExample[], val: TrainingExample[], options: ResearchOptions): { top1: number; trainMs: number } {
    const started = performance.now();
    const classifier = trainIntentClassifier(train, withWordVectors(train.length, options));
    const trainMs = performance.now() - started;
    const inScope = val.filter((e) => e.intent !== 'oos');
    const right = inScope.filter((e) => classifier.predict(e.text).ranked[0]?.intent === e.intent).length;
    return { top1: right / inScope.length, trainMs };
}

const sections = ['intents', 'replies'] as const;
type Section = (typeof sections)[number];

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Set<Section> {
    if (argv.length === 0) return new Set(sections);
    const [flag, value, ...rest] = argv;
    const only = flag?.startsWith('--only=') ? flag.slice('--only='.length) : flag === '--only' ? value : undefined;
    if (only === undefined || (flag === '--only' ? rest.length : argv.length - 1) > 0 || !(sections as readonly string[]).includes(only)) {
        throw new UsageError(`unexpected arguments ${JSON.stringify(argv.join(' '))}: use no arguments for every section, or --only ${sections.join('|')}`);
    }
    return new Set([only as Section]);
}

function machineAndRuntime(): { date: string; machine: string; runtime: string } {
    const cpu = cpus();
    return {
        date: new Date().toISOString().slice(0, 10),
        machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
        runtime: `Node ${process.version}, natural ${(JSON.parse(readFileSync(require.resolve('natural/package.json'), 'utf8')) as { version: string }).version}`
    };
}

function benchReplies(only: boolean): void {
    const replies = measureReplies(loadKnowledge(), runs, log);
    const file = join(repoRoot, 'BENCHMARKS.md');
    const command = only ? 'npm run bench:nlu -- --only replies' : 'npm run bench:nlu';
    writeSection(file, renderRepliesSection({ ...machineAndRuntime(), runs, command, replies }), { start: repliesSectionStart, end: repliesSectionEnd });
    for (const { split, classifier: c, wordMatching: w } of replies.heldOut) {
        log(`replies, ${split}: accuracy ${c.accuracy.toFixed(3)}, macro-F1 ${c.macroF1.toFixed(3)}, false-success ${(100 * c.falseSuccessRate).toFixed(2)}% (word matching: ${w.accuracy.toFixed(3)})`);
    }
    log(`replies: training ${replies.trainMs.toFixed(0)} ms; wrote ${file}`);
}

function main(argv: readonly string[]): void {
    const chosen = parseArgs(argv);
    // CLINC150 trains with word vectors: say so now, not ten minutes in.
    if (chosen.has('intents')) assertWordVectorsInstalled();
    if (chosen.has('intents')) benchIntents();
    if (chosen.has('replies')) benchReplies(chosen.size === 1);
}

function benchIntents(): void {
    const braun = (['chatbot', 'askubuntu', 'webapplications'] as const).map((corpus) => {
        const lines = readJsonLines(join(benchmarksDir, 'braun', `${corpus}.jsonl`));
        const train = lines.filter((e) => e.split === 'train');
        const test = lines.filter((e) => e.split === 'test');
        return { corpus, timed: timed(`Braun ${corpus}`, () => evaluate(train, test)) };
    });

    const clinc = (split: string) => readJsonLines(join(benchmarksDir, 'clinc150', `${split}.jsonl`));
    const [clincTrain, clincVal, clincTest] = [clinc('train'), clinc('val'), clinc('test')];
    const clincThreshold = timed('CLINC150 oos-threshold', () =>
        evaluate(clincTrain, clincTest, { oosLabel: 'oos', excludeOosFromTraining: true }, clincVal)
    );
    const clincOosTrain = timed('CLINC150 oos-train + threshold', () => evaluate(clincTrain, clincTest, { oosLabel: 'oos' }, clincVal));

    log('learner comparison on CLINC150 val');
    const inScopeTrain = clincTrain.filter((e) => e.intent !== 'oos');
    const learnerComparison = [
        { learner: 'softmax regression, AdaGrad (learning rate 0.1, L2 1e-5), one model with word vectors: the default from 5,000 examples', options: {} },
        { learner: 'softmax regression, AdaGrad (learning rate 0.1, L2 1e-5), 2 models averaged, no word vectors (the previous default)', options: { ensembleSize: 2, useWordVectors: false } },
        { learner: 'softmax regression, AdaGrad (learning rate 0.1, L2 1e-5), one model, no word vectors', options: { ensembleSize: 1, useWordVectors: false } },
        { learner: 'softmax regression, plain SGD (best found: learning rate 2, L2 1e-6), one model, no word vectors', options: { optimizer: 'sgd' as const, learningRate: 2, l2: 1e-6, ensembleSize: 1, useWordVectors: false } },
        { learner: 'softmax regression, plain SGD (learning rate 0.5, L2 1e-4), one model, no word vectors', options: { optimizer: 'sgd' as const, learningRate: 0.5, l2: 1e-4, ensembleSize: 1, useWordVectors: false } }
    ].map(({ learner, options }) => ({ learner, ...top1InScope(inScopeTrain, clincVal, options) }));

    const knowledgeBase = loadKnowledge();
    const knowledgeExamples = trainingExamples(knowledgeBase);
    const knowledge = timed('knowledge base cross-validation', () =>
        crossValidate(knowledgeExamples, { oosLabel: 'none', options: knowledgeClassifierOptions(knowledgeBase) })
    );
    // The same cross-validation without the lookup tables: their baseline, in the same run.
    const knowledgeWithoutLookups = timed('knowledge base cross-validation, no lookup tables', () =>
        crossValidate(knowledgeExamples, { oosLabel: 'none' })
    );
    const startups: number[] = [];
    for (let run = 0; run < runs; run++) {
        const started = performance.now();
        trainFromKnowledge();
        startups.push(performance.now() - started);
    }

    const figures: BenchFigures = {
        ...machineAndRuntime(),
        runs,
        command: 'npm run bench:nlu',
        braun,
        clincThreshold,
        clincOosTrain,
        learnerComparison,
        knowledge,
        knowledgeWithoutLookups,
        knowledgeLookups: {
            tables: knowledgeBase.lookups.length,
            entries: knowledgeBase.lookups.reduce((n, table) => n + table.entries.length, 0)
        },
        startupMs: median(startups),
        knowledgeExamples: knowledgeExamples.length
    };
    const file = join(repoRoot, 'BENCHMARKS.md');
    writeSection(file, renderSection(figures));
    log(`wrote ${file}`);
}

try {
    main(process.argv.slice(2));
} catch (err) {
    process.stderr.write(`bench:nlu: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError || err instanceof WordVectorsMissing ? 2 : 1;
}
