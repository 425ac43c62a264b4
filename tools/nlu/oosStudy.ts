// `npx tsx tools/nlu/oosStudy.ts`: the validation-only measurements behind the out-of-scope decision
// and the ensemble (BENCHMARKS.md, "Intent classifier: why this learner"). Reads CLINC150's train
// and val splits and the knowledge base; never a test split. Prints Markdown tables (about 4 min).
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/load';
import { trainingExamples } from '../../knowledge/trainingExamples';
import { classifierOptionsSchema, defaultMinDocumentFrequency, type TrainIntentClassifierOptions } from '../../bot/nlu/classifierOptions';
import type { TrainingExample } from '../../bot/nlu/classification';
import { stratifiedFolds } from './crossValidation';
import { benchmarksDir, readJsonLines } from './datasets';
import { Featurizer } from '../../bot/nlu/featurize';
import { knowledgeClassifierOptions } from '../../bot/nlu/knowledgeExamples';
import { acceptanceScore, decide, trainIntentClassifier, type Prediction } from '../../bot/nlu/intentClassifier';
import { inScopeAccuracy, oosRecall } from './metrics';
import type { SparseVector } from '../../bot/nlu/sparseVector';
import { tuneThreshold } from './threshold';
import { withWordVectors } from './wordVectors';


function log(message: string): void {
    process.stderr.write(`oosStudy: ${message}\n`);
}

/** Probability that a random in-scope query scores above a random out-of-scope one (ties count half). */
export function auroc(inScope: readonly number[], outOfScope: readonly number[]): number {
    const all = [...inScope.map((s) => ({ s, pos: true })), ...outOfScope.map((s) => ({ s, pos: false }))].sort((a, b) => a.s - b.s);
    let rankSum = 0;
    for (let i = 0; i < all.length; ) {
        let j = i;
        while (j < all.length && all[j]!.s === all[i]!.s) j++;
        for (let k = i; k < j; k++) if (all[k]!.pos) rankSum += (i + j + 1) / 2;
        i = j;
    }
    return (rankSum - (inScope.length * (inScope.length + 1)) / 2) / (inScope.length * outOfScope.length);
}

function l2(v: SparseVector): number {
    let sum = 0;
    for (const x of v.values) sum += x * x;
    return Math.sqrt(sum) || 1;
}

/** Cosine similarity of a query to every training vector, through an inverted index. */
class NearestExamples {
    private readonly postings: { docs: number[]; values: number[] }[];
    private readonly norms: Float64Array;
    private readonly scores: Float64Array;

    constructor(vectors: readonly SparseVector[], size: number) {
        this.postings = Array.from({ length: size }, () => ({ docs: [], values: [] }));
        vectors.forEach((v, d) => v.indices.forEach((f, k) => {
            this.postings[f]!.docs.push(d);
            this.postings[f]!.values.push(v.values[k]!);
        }));
        this.norms = Float64Array.from(vectors, l2);
        this.scores = new Float64Array(vectors.length);
    }

    maxCosine(query: SparseVector): number {
        this.scores.fill(0);
        const n = l2(query);
        query.indices.forEach((f, k) => {
            const p = this.postings[f];
            if (!p) return;
            const q = query.values[k]! / n;
            for (let i = 0; i < p.docs.length; i++) this.scores[p.docs[i]!] = this.scores[p.docs[i]!]! + q * p.values[i]!;
        });
        let best = 0;
        for (let d = 0; d < this.scores.length; d++) best = Math.max(best, this.scores[d]! / this.norms[d]!);
        return best;
    }
}

/** Unit-length mean vector of each intent's examples; cosine of a query to one of them. */
class Centroids {
    private readonly byIntent = new Map<string, Map<number, number>>();

    constructor(vectors: readonly SparseVector[], intents: readonly string[]) {
        vectors.forEach((v, d) => {
            const sum = this.byIntent.get(intents[d]!) ?? new Map<number, number>();
            const n = l2(v);
            v.indices.forEach((f, k) => sum.set(f, (sum.get(f) ?? 0) + v.values[k]! / n));
            this.byIntent.set(intents[d]!, sum);
        });
        for (const sum of this.byIntent.values()) {
            const n = Math.sqrt([...sum.values()].reduce((a, x) => a + x * x, 0)) || 1;
            for (const [f, x] of sum) sum.set(f, x / n);
        }
    }

    cosine(query: SparseVector, intent: string): number {
        const centroid = this.byIntent.get(intent);
        if (!centroid) return 0;
        const n = l2(query);
        let dot = 0;
        query.indices.forEach((f, k) => (dot += (query.values[k]! / n) * (centroid.get(f) ?? 0)));
        return dot;
    }
}

const pct = (x: number) => (100 * x).toFixed(1);

/** In-scope accuracy / oos recall on the held-out queries when accepting at `threshold`. */
function operatingPoint(predictions: readonly Prediction[], gold: readonly string[], oos: string, threshold: number): string {
    const predicted = predictions.map((p) => decide(p, oos, threshold).intent);
    return `${pct(inScopeAccuracy(gold, predicted, oos))} / ${pct(oosRecall(gold, predicted, oos))}`;
}

/** The threshold maximising in-scope accuracy + oos recall (0.005 steps, middle of ties). */
function balancedThreshold(predictions: readonly Prediction[], gold: readonly string[], oos: string): number {
    const sums: number[] = [];
    for (let step = 0; step <= 200; step++) {
        const predicted = predictions.map((p) => decide(p, oos, step / 200).intent);
        sums.push(inScopeAccuracy(gold, predicted, oos) + oosRecall(gold, predicted, oos));
    }
    const best = Math.max(...sums);
    const tied = sums.flatMap((s, step) => (s >= best - 1e-12 ? [step / 200] : []));
    return tied[Math.floor((tied.length - 1) / 2)]!;
}

function clincStudy(): string[] {
    const read = (split: string) => readJsonLines(join(benchmarksDir, 'clinc150', `${split}.jsonl`));
    const [train, val] = [read('train'), read('val')];
    const gold = val.map((e) => e.intent);
    const rows: string[] = [
        '| setting | models | top-1 in-scope | AUROC: top probability | lead over `oos` | lead x known share (used) | max cosine to a training example | cosine to the intent centroid | top probability x max cosine | rule: max val accuracy | rule: max in-scope acc. + oos recall | training |',
        '|---|---|---|---|---|---|---|---|---|---|---|---|'
    ];
    for (const setting of ['oos-threshold', 'oos-train'] as const) {
        const trainSet = setting === 'oos-threshold' ? train.filter((e) => e.intent !== 'oos') : train;
        const settings = classifierOptionsSchema.parse({});
        const featurizer = new Featurizer({
            minCharGram: settings.minCharGram,
            maxCharGram: settings.maxCharGram,
            minDocumentFrequency: defaultMinDocumentFrequency(trainSet.length),
            charWeight: settings.charWeight,
            correctSpelling: settings.correctSpelling
        });
        const vectors = featurizer.fit(trainSet.map((e) => e.text));
        const inScope = trainSet.flatMap((e, i) => (e.intent === 'oos' ? [] : [i]));
        const nearest = new NearestExamples(inScope.map((i) => vectors[i]!), featurizer.size);
        const centroids = new Centroids(inScope.map((i) => vectors[i]!), inScope.map((i) => trainSet[i]!.intent));
        const queryVectors = val.map((e) => featurizer.transform(e.text).vector);
        const maxCosines = queryVectors.map((v) => nearest.maxCosine(v));
        for (const models of [1, 2]) {
            log(`CLINC150 ${setting}, ${models} model(s)`);
            const started = performance.now();
            const classifier = trainIntentClassifier(trainSet, withWordVectors(trainSet.length, { outOfScopeIntent: 'oos', ensembleSize: models }));
            const trainMs = performance.now() - started;
            const predictions = val.map((e) => classifier.predict(e.text));
            const best = predictions.map((p) => p.ranked.find((s) => s.intent !== 'oos')!);
            const scores: Record<string, number[]> = {
                top: best.map((b) => b.score),
                lead: predictions.map((p, i) => best[i]!.score - (p.ranked.find((s) => s.intent === 'oos')?.score ?? 0)),
                used: predictions.map((p) => Math.max(-1, acceptanceScore(p, 'oos'))),
                knn: maxCosines,
                centroid: queryVectors.map((v, i) => centroids.cosine(v, best[i]!.intent)),
                product: best.map((b, i) => b.score * maxCosines[i]!)
            };
            const isOos = gold.map((g) => g === 'oos');
            const au = (s: number[]) => auroc(s.filter((_, i) => !isOos[i]), s.filter((_, i) => isOos[i])).toFixed(3);
            const top1 = best.filter((b, i) => !isOos[i] && b.intent === gold[i]).length / isOos.filter((o) => !o).length;
            const tuned = tuneThreshold(predictions, gold, 'oos').threshold;
            const balanced = balancedThreshold(predictions, gold, 'oos');
            rows.push(
                `| ${setting} | ${models} | ${pct(top1)} | ${au(scores.top!)} | ${setting === 'oos-train' ? au(scores.lead!) : '(same)'} | ${au(scores.used!)} | ${au(scores.knn!)} | ${au(scores.centroid!)} | ${au(scores.product!)} | ` +
                    `${operatingPoint(predictions, gold, 'oos', tuned)} (${tuned}) | ${operatingPoint(predictions, gold, 'oos', balanced)} (${balanced}) | ${(trainMs / 1000).toFixed(1)} s |`
            );
        }
    }
    return rows;
}

/** The decision before this change: the most probable class, `none` below the threshold or when no word is known. */
function previousRule(p: Prediction, oos: string, threshold: number, noKnownWordRule: boolean): string {
    const top = p.ranked[0]!;
    if (noKnownWordRule && p.knownTokens === 0) return oos;
    return top.intent !== oos && top.score >= threshold ? top.intent : oos;
}

function knowledgeStudy(examples: readonly TrainingExample[], options: TrainIntentClassifierOptions): string[] {
    log('knowledge base cross-validation');
    const folds = stratifiedFolds(examples.map((e) => e.intent), 5, 20250101);
    const predictions: Prediction[] = [];
    const gold: string[] = [];
    for (let fold = 0; fold < 5; fold++) {
        const classifier = trainIntentClassifier(examples.filter((_, i) => folds[i] !== fold), withWordVectors(examples.length, options));
        examples.forEach((e, i) => {
            if (folds[i] !== fold) return;
            predictions.push(classifier.predict(e.text));
            gold.push(e.intent);
        });
    }
    const rules: [string, (p: Prediction, t: number) => string][] = [
        ['top probability >= t, `none` if no known word (before)', (p, t) => previousRule(p, 'none', t, true)],
        ['top probability >= t, without the no-known-word rule', (p, t) => previousRule(p, 'none', t, false)],
        ['(best in-scope - `none`) x known share >= t (now)', (p, t) => decide(p, 'none', t).intent]
    ];
    const rows = [
        `${examples.length} utterances; 5 stratified folds (seed 20250101); in-scope accuracy / \`none\` recall, and accuracy.`,
        '',
        '| rule | t = 0.3 | t = 0.35 | t = 0.4 | t = 0.45 | t = 0.5 | best accuracy (at t) |',
        '|---|---|---|---|---|---|---|'
    ];
    for (const [name, rule] of rules) {
        const at = (t: number) => {
            const predicted = predictions.map((p) => rule(p, t));
            const right = predicted.filter((x, i) => x === gold[i]).length / gold.length;
            return { text: `${pct(inScopeAccuracy(gold, predicted, 'none'))} / ${pct(oosRecall(gold, predicted, 'none'))}, ${right.toFixed(3)}`, right };
        };
        let best = { t: 0, right: -1 };
        for (let step = 0; step <= 100; step++) {
            const { right } = at(step / 100);
            if (right > best.right) best = { t: step / 100, right };
        }
        rows.push(`| ${name} | ${[0.3, 0.35, 0.4, 0.45, 0.5].map((t) => at(t).text).join(' | ')} | ${best.right.toFixed(3)} (${best.t}) |`);
    }
    return rows;
}

function main(): void {
    const knowledgeBase = loadKnowledge();
    const knowledge = knowledgeStudy(trainingExamples(knowledgeBase), knowledgeClassifierOptions(knowledgeBase));
    const clinc = clincStudy();
    process.stdout.write(['### CLINC150 validation split', '', ...clinc, '', '### Knowledge base', '', ...knowledge, ''].join('\n'));
}

if (require.main === module) main();
