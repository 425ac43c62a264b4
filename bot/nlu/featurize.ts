// TF-IDF features of an utterance, in two blocks each L2-normalised on its own so neither swamps
// the other: words (Porter-stemmed unigrams and bigrams) carry the meaning, and character
// n-grams within words keep a mistyped or unseen word form close to the known one.
import { bigrams } from 'natural/lib/natural/ngrams/ngrams';
import { SpellingCorrector } from './spelling';
import type { SparseVector } from './sparseVector';
import { stem } from './stem';
import { numberToken, tokenize } from './tokenize';

export interface FeaturizerOptions {
    /** Character n-gram lengths, inclusive; 3..5 is the usual range for typo tolerance. */
    minCharGram: number;
    maxCharGram: number;
    /** Terms seen in fewer training utterances are dropped: rare n-grams are mostly noise and memory. */
    minDocumentFrequency: number;
    /** Weight of the character block against the word block (1 = equal). */
    charWeight: number;
    /** Replace unknown words by the nearest known word before featurising. */
    correctSpelling: boolean;
}

export interface Features {
    vector: SparseVector;
    /** How many tokens (after spelling correction) have a stem seen in training; 0 means we know nothing. */
    knownTokens: number;
    /** How many tokens the text has, known or not. */
    tokens: number;
}

const enum Block {
    Word = 0,
    Char = 1
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

    constructor(private readonly options: FeaturizerOptions) {}

    get size(): number {
        return this.termIds.size;
    }

    /** Learns the vocabulary and inverse document frequencies, and returns the training vectors. */
    fit(texts: readonly string[]): SparseVector[] {
        const documents = texts.map((text) => tokenize(text));
        const wordCounts = new Map<string, number>();
        for (const tokens of documents) for (const token of tokens) wordCounts.set(token, (wordCounts.get(token) ?? 0) + 1);
        this.corrector = this.options.correctSpelling ? new SpellingCorrector(wordCounts) : undefined;

        const termsOfDocuments = documents.map((tokens) => this.terms(tokens));
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
        kept.forEach(([term, df], id) => {
            this.termIds.set(term, id);
            // Smoothed idf as in scikit-learn: never zero, so a term in every utterance still counts a little.
            this.idf[id] = Math.log((1 + n) / (1 + df)) + 1;
            this.blocks[id] = term.startsWith('c:') ? Block.Char : Block.Word;
        });
        return termsOfDocuments.map((terms) => this.vectorOf(terms));
    }

    transform(text: string): Features {
        const tokens = tokenize(text).map((token) => (this.isKnown(token) ? token : (this.corrector?.correct(token) ?? token)));
        let knownTokens = 0;
        for (const token of tokens) if (this.isKnown(token)) knownTokens++;
        return { vector: this.vectorOf(this.terms(tokens)), knownTokens, tokens: tokens.length };
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
        cached = { word, stem: stem(word), chars };
        if (this.wordCache.size > 200_000) this.wordCache.clear();
        this.wordCache.set(word, cached);
        return cached;
    }

    private terms(tokens: readonly string[]): string[] {
        const words = tokens.map((token) => this.wordTerms(token));
        const terms: string[] = [];
        for (const w of words) terms.push(`w:${w.stem}`);
        for (const [a, b] of bigrams(words.map((w) => w.stem))) terms.push(`b:${a} ${b}`);
        for (const w of words) for (const c of w.chars) terms.push(c);
        return terms;
    }

    private vectorOf(terms: readonly string[]): SparseVector {
        const counts = new Map<number, number>();
        for (const term of terms) {
            const id = this.termIds.get(term);
            if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
        const values = new Float32Array(indices.length);
        const squaredNorms = [0, 0];
        indices.forEach((id, k) => {
            // Sublinear tf: a word said twice is more evidence, not twice the evidence.
            const value = (1 + Math.log(counts.get(id) ?? 1)) * (this.idf[id] ?? 0);
            values[k] = value;
            squaredNorms[this.blocks[id] ?? 0]! += value * value;
        });
        const blockWeights = [1, this.options.charWeight];
        const total = Math.sqrt(blockWeights[0]! ** 2 + blockWeights[1]! ** 2);
        const scales = squaredNorms.map((sq, block) => (sq > 0 ? blockWeights[block]! / (Math.sqrt(sq) * total) : 0));
        indices.forEach((id, k) => {
            values[k] = values[k]! * scales[this.blocks[id] ?? 0]!;
        });
        return { indices, values };
    }
}
