// TF-IDF features of an utterance, in two blocks each L2-normalised on its own so neither swamps
// the other: words (Porter-stemmed unigrams and bigrams) carry the meaning, and character
// n-grams within words keep a mistyped or unseen word form close to the known one. Two optional
// blocks: lookup tables (one feature per table that names something in the text, so a name never
// seen in training still counts as what it is) and pretrained word vectors.
import { bigrams } from 'natural/lib/natural/ngrams/ngrams';
import { SpellingCorrector } from './spelling';
import type { SparseVector } from './sparseVector';
import { stem } from './stem';
import { numberToken, tokenize } from './tokenize';
import type { LookupTable, WordVectors } from './classifierOptions';
import type { Language } from '../../knowledge/languages';

export interface FeaturizerOptions {
    /** How texts (and lookup entries) are split into words and stemmed; English by default. */
    language?: Language;
    /** Character n-gram lengths, inclusive; 3..5 is the usual range for typo tolerance. */
    minCharGram: number;
    maxCharGram: number;
    /** Terms seen in fewer training utterances are dropped: rare n-grams are mostly noise and memory. */
    minDocumentFrequency: number;
    /** Weight of the character block against the word block (1 = equal). */
    charWeight: number;
    /** Replace unknown words by the nearest known word before featurising. */
    correctSpelling: boolean;
    /** Pretrained word vectors: their mean over the text's words is a third, dense block. */
    wordVectors?: WordVectors;
    /** Weight of the word-vector block against the word block (1 = equal). */
    vectorWeight?: number;
    /** Named lists of words and phrases; a text containing an entry gets that list's feature. */
    lookups?: readonly LookupTable[];
    /** Weight of the lookup block against the word block (1 = equal). */
    lookupWeight?: number;
}

export interface Features {
    vector: SparseVector;
    /** How many tokens (after spelling correction) have a stem seen in training; 0 means we know nothing. */
    knownTokens: number;
    /** How many tokens the text has, known or not. */
    tokens: number;
    /** The lookup tables the text names an entry of. */
    lookups: string[];
}

const lookupPrefix = 'l:';

const enum Block {
    Word = 0,
    Char = 1,
    Vector = 2,
    Lookup = 3
}

/** The terms of one word, cached: char n-grams and stems of a word never change. */
interface WordTerms {
    word: string;
    stem: string;
    chars: string[];
}

export class Featurizer {
    private readonly termIds = new Map<string, number>();
    private idf = new Float32Array(0);
    private blocks = new Uint8Array(0);
    private corrector: SpellingCorrector | undefined;
    private readonly wordCache = new Map<string, WordTerms>();
    /** Id of the first word-vector dimension (they follow the sparse terms). */
    private vectorBase = 0;
    /** Each table's entries as token sequences, by their first token, so a text is scanned once. */
    private readonly lookupsByFirstToken = new Map<string, { term: string; tokens: string[] }[]>();

    private readonly language: Language;

    constructor(private readonly options: FeaturizerOptions) {
        this.language = options.language ?? 'en';
        for (const table of options.lookups ?? []) {
            for (const entry of table.entries) {
                const tokens = tokenize(entry, this.language);
                if (tokens.length === 0) continue;
                const starting = this.lookupsByFirstToken.get(tokens[0]!) ?? [];
                starting.push({ term: `${lookupPrefix}${table.name}`, tokens });
                this.lookupsByFirstToken.set(tokens[0]!, starting);
            }
        }
    }

    get size(): number {
        return this.termIds.size + (this.options.wordVectors?.dimensions ?? 0);
    }

    /** Learns the vocabulary and inverse document frequencies, and returns the training vectors. */
    fit(texts: readonly string[]): SparseVector[] {
        const documents = texts.map((text) => tokenize(text, this.language));
        const wordCounts = new Map<string, number>();
        for (const tokens of documents) for (const token of tokens) wordCounts.set(token, (wordCounts.get(token) ?? 0) + 1);
        this.corrector = this.options.correctSpelling ? new SpellingCorrector(wordCounts) : undefined;

        const termsOfDocuments = documents.map((tokens) => [...this.terms(tokens), ...this.lookupTerms(tokens)]);
        const documentFrequency = new Map<string, number>();
        for (const terms of termsOfDocuments) {
            for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
        }
        const kept = [...documentFrequency]
            .filter(([, df]) => df >= this.options.minDocumentFrequency)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        this.termIds.clear();
        this.idf = new Float32Array(kept.length);
        this.blocks = new Uint8Array(kept.length);
        const n = texts.length;
        this.vectorBase = kept.length;
        kept.forEach(([term, df], id) => {
            this.termIds.set(term, id);
            // Smoothed idf as in scikit-learn: never zero, so a term in every utterance still counts a little.
            this.idf[id] = Math.log((1 + n) / (1 + df)) + 1;
            this.blocks[id] = term.startsWith('c:') ? Block.Char : term.startsWith(lookupPrefix) ? Block.Lookup : Block.Word;
        });
        return termsOfDocuments.map((terms, i) => this.vectorOf(terms, documents[i]!));
    }

    transform(text: string): Features {
        const raw = tokenize(text, this.language);
        const tokens = raw.map((token) => (this.isKnown(token) ? token : (this.corrector?.correct(token) ?? token)));
        let knownTokens = 0;
        for (const token of tokens) if (this.isKnown(token)) knownTokens++;
        // A word with a vector of its own keeps it (a synonym unseen in training); a typo takes its correction's.
        const vectorWords = raw.map((token, i) => (this.options.wordVectors?.get(token) ? token : tokens[i]!));
        // Names are looked up as typed too: a name unknown to training must not be "corrected" away first.
        const lookups = [...new Set([...this.lookupTerms(raw), ...this.lookupTerms(tokens)])];
        return {
            vector: this.vectorOf([...this.terms(tokens), ...lookups], vectorWords),
            knownTokens,
            tokens: tokens.length,
            lookups: lookups.map((term) => term.slice(lookupPrefix.length))
        };
    }

    /** Known when its stem is a feature, so an unseen inflection ("greetings") is not "corrected" into another word. */
    private isKnown(token: string): boolean {
        return this.termIds.has(`w:${this.wordTerms(token).stem}`);
    }

    private wordTerms(word: string): WordTerms {
        let cached = this.wordCache.get(word);
        if (cached) return cached;
        const chars: string[] = [];
        if (word !== numberToken) {
            // Boundary marks let "<re" (a prefix) differ from "re" inside a word.
            const marked = `<${word}>`;
            for (let n = this.options.minCharGram; n <= this.options.maxCharGram; n++) {
                for (let i = 0; i + n <= marked.length; i++) chars.push(`c:${marked.slice(i, i + n)}`);
            }
        }
        cached = { word, stem: stem(word, this.language), chars };
        if (this.wordCache.size > 200_000) this.wordCache.clear();
        this.wordCache.set(word, cached);
        return cached;
    }

    /** One term per lookup table with an entry in the text (however often it occurs). */
    private lookupTerms(tokens: readonly string[]): string[] {
        if (this.lookupsByFirstToken.size === 0) return [];
        const found = new Set<string>();
        tokens.forEach((token, i) => {
            for (const entry of this.lookupsByFirstToken.get(token) ?? []) {
                if (entry.tokens.every((t, k) => tokens[i + k] === t)) found.add(entry.term);
            }
        });
        return [...found];
    }

    private terms(tokens: readonly string[]): string[] {
        const words = tokens.map((token) => this.wordTerms(token));
        const terms: string[] = [];
        for (const w of words) terms.push(`w:${w.stem}`);
        for (const [a, b] of bigrams(words.map((w) => w.stem))) terms.push(`b:${a} ${b}`);
        for (const w of words) for (const c of w.chars) terms.push(c);
        return terms;
    }

    /** The mean of the words' vectors (number tokens and words without a vector skipped), or undefined. */
    private meanVector(words: readonly string[]): Float64Array | undefined {
        const vectors = this.options.wordVectors;
        if (!vectors) return undefined;
        const sum = new Float64Array(vectors.dimensions);
        let n = 0;
        for (const word of words) {
            const v = word === numberToken ? undefined : vectors.get(word);
            if (!v) continue;
            const w = vectors.weight(word);
            for (let d = 0; d < sum.length; d++) sum[d] = sum[d]! + w * v[d]!;
            n++;
        }
        return n > 0 ? sum : undefined;
    }

    private vectorOf(terms: readonly string[], words: readonly string[]): SparseVector {
        const counts = new Map<number, number>();
        for (const term of terms) {
            const id = this.termIds.get(term);
            if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        const dense = this.meanVector(words);
        const sparseIds = [...counts.keys()].sort((a, b) => a - b);
        const denseCount = dense ? dense.length : 0;
        const indices = new Int32Array(sparseIds.length + denseCount);
        indices.set(sparseIds);
        for (let d = 0; d < denseCount; d++) indices[sparseIds.length + d] = this.vectorBase + d;
        const values = new Float32Array(indices.length);
        const squaredNorms = [0, 0, 0, 0];
        sparseIds.forEach((id, k) => {
            // Sublinear tf: a word said twice is more evidence, not twice the evidence. A lookup
            // feature is present or not: its idf would only say how rare names were in training.
            const value = this.blocks[id] === Block.Lookup ? 1 : (1 + Math.log(counts.get(id) ?? 1)) * (this.idf[id] ?? 0);
            values[k] = value;
            squaredNorms[this.blocks[id] ?? 0]! += value * value;
        });
        for (let d = 0; d < denseCount; d++) {
            values[sparseIds.length + d] = dense![d]!;
            squaredNorms[Block.Vector]! += dense![d]! ** 2;
        }
        const blockWeights = [
            1,
            this.options.charWeight,
            this.options.wordVectors ? (this.options.vectorWeight ?? 1) : 0,
            this.lookupsByFirstToken.size > 0 ? (this.options.lookupWeight ?? 1) : 0
        ];
        // The lookup block stays out of the total, so a lookup table changes no other feature's value.
        const total = Math.sqrt(blockWeights.reduce((s, w, block) => (block === Block.Lookup ? s : s + w * w), 0));
        const scales = squaredNorms.map((sq, block) => (sq > 0 ? blockWeights[block]! / (Math.sqrt(sq) * total) : 0));
        for (let k = 0; k < indices.length; k++) {
            const block = k >= sparseIds.length ? Block.Vector : (this.blocks[indices[k]!] ?? 0);
            values[k] = values[k]! * scales[block]!;
        }
        return { indices, values };
    }
}
