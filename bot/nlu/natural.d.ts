// natural ships types only for its package root and its folder indexes; we import single files
// (the root loads database drivers and dotenv), so these declare just the parts we use.

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
    const PorterStemmer: { stem(token: string): string };
    export = PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
    export class WordTokenizer {
        tokenize(text: string): string[];
    }
}

declare module 'natural/lib/natural/ngrams/ngrams' {
    export function bigrams(sequence: string[]): string[][];
    export function ngrams<T>(sequence: T[], n: number): T[][];
}

declare module 'natural/lib/natural/distance/levenshtein_distance' {
    export function DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer_de' {
    const PorterStemmerDe: { stem(token: string): string };
    export = PorterStemmerDe;
}

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_de' {
    class AggressiveTokenizerDe {
        tokenize(text: string): string[];
    }
    export = AggressiveTokenizerDe;
}
