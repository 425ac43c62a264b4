// How much a message's words say for German against English, learnt from knowledge/languageId/.
// A word the data has seen counts by its smoothed frequency in each language (naive Bayes over
// words); a word it has never seen (a typo, a compound, a loanword) counts by its letter 1-4-grams,
// averaged so a long word does not outvote the rest; a word both languages share counts for neither.
import { ngrams } from 'natural/lib/natural/ngrams/ngrams';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import type { Language } from '../../knowledge/languages';
import type { LanguageIdData } from '../../knowledge/languageId';

/** The two languages weighed against each other: evidence above 0 is for `second`. */
const first: Language = 'en';
const second: Language = 'de';

const gramOrders = [1, 2, 3, 4] as const;
const wordSmoothing = 0.1;
const gramSmoothing = 0.5;

const wordTokenizer = new WordTokenizer();

/**
 * Lower case, umlauts and ß written out (so "zurück" and "zurueck" are one word), other accents
 * dropped, apostrophes removed ("can't" = "cant").
 */
export function languageTokens(text: string): string[] {
    const folded = text
        .toLowerCase()
        .replace(/ä/g, 'ae')
        .replace(/ö/g, 'oe')
        .replace(/ü/g, 'ue')
        .replace(/ß/g, 'ss')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/['’‘`´]/g, '');
    return wordTokenizer.tokenize(folded).filter((token) => /^[a-z]+$/.test(token));
}

function letterGrams(word: string): string[] {
    const letters = ['_', ...word, '_'];
    return gramOrders.flatMap((n) => ngrams(letters, n).map((gram) => `${n}:${gram.join('')}`));
}

class Counts {
    readonly counts = new Map<string, number>();
    total = 0;
    add(key: string): void {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.total += 1;
    }
    get(key: string): number {
        return this.counts.get(key) ?? 0;
    }
}

export interface Evidence {
    /** Log-odds for German over English; 0 when nothing in the text tells them apart. */
    logOdds: number;
    /** How many words counted (neither shared nor unreadable). */
    telling: number;
}

export class LanguageEvidence {
    private readonly words = new Map<Language, Counts>();
    private readonly grams = new Map<Language, Map<number, Counts>>();
    private readonly shared: Set<string>;
    private readonly vocabularySize: number;
    private readonly gramTypes = new Map<number, number>();

    /** `letterWeight`: how far one unseen word's letter patterns count against one seen word. */
    constructor(data: LanguageIdData, private readonly letterWeight = 1) {
        this.shared = new Set(data.sharedWords.flatMap(languageTokens));
        const vocabulary = new Set<string>();
        const gramSets = new Map<number, Set<string>>(gramOrders.map((n) => [n, new Set()]));
        for (const language of [first, second]) {
            const sample = data.samples[language];
            const words = new Counts();
            const grams = new Map<number, Counts>(gramOrders.map((n) => [n, new Counts()]));
            const tokens = [...sample.words.flatMap(languageTokens), ...sample.sentences.flatMap(languageTokens)].filter((t) => !this.shared.has(t));
            for (const token of tokens) {
                words.add(token);
                vocabulary.add(token);
                for (const gram of letterGrams(token)) {
                    const order = Number(gram[0]);
                    grams.get(order)?.add(gram);
                    gramSets.get(order)?.add(gram);
                }
            }
            this.words.set(language, words);
            this.grams.set(language, grams);
        }
        this.vocabularySize = vocabulary.size;
        for (const [n, set] of gramSets) this.gramTypes.set(n, set.size);
    }

    private wordLogOdds(token: string): number {
        const p = (language: Language) => {
            const counts = this.words.get(language)!;
            return (counts.get(token) + wordSmoothing) / (counts.total + wordSmoothing * this.vocabularySize);
        };
        return Math.log(p(second)) - Math.log(p(first));
    }

    private letterLogOdds(token: string): number {
        const grams = letterGrams(token);
        let sum = 0;
        for (const gram of grams) {
            const order = Number(gram[0]);
            const types = this.gramTypes.get(order) ?? 1;
            const p = (language: Language) => {
                const counts = this.grams.get(language)!.get(order)!;
                return (counts.get(gram) + gramSmoothing) / (counts.total + gramSmoothing * types);
            };
            sum += Math.log(p(second)) - Math.log(p(first));
        }
        return grams.length === 0 ? 0 : (this.letterWeight * sum) / grams.length;
    }

    private seen(token: string): boolean {
        return this.words.get(first)!.get(token) + this.words.get(second)!.get(token) > 0;
    }

    weigh(text: string): Evidence {
        let logOdds = 0;
        let telling = 0;
        for (const token of languageTokens(text)) {
            if (this.shared.has(token)) continue;
            logOdds += this.seen(token) ? this.wordLogOdds(token) : this.letterLogOdds(token);
            telling += 1;
        }
        return { logOdds, telling };
    }
}

/** The language the evidence favours and how probable it is (0.5 = no idea). */
export function favoured(evidence: Evidence): { language: Language; confidence: number } {
    const pSecond = 1 / (1 + Math.exp(-evidence.logOdds));
    return pSecond >= 0.5 ? { language: second, confidence: pSecond } : { language: first, confidence: 1 - pSecond };
}
