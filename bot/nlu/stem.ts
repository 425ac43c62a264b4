// Porter stems with a memo per language: the same few thousand words are stemmed over and over,
// and natural's stemmers cost microseconds a call, which would dominate classification time.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import PorterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de';
import type { Language } from '../../knowledge/languages';
import { numberToken } from './tokenize';

const stemmers: Record<Language, { stem(token: string): string }> = { en: PorterStemmer, de: PorterStemmerDe };
const memos: Record<Language, Map<string, string>> = { en: new Map(), de: new Map() };
// Bounds each memo in a long-running bot that sees endless new (mistyped) words.
const memoLimit = 100_000;

/** The stem of a token from tokenize() in the same language (German tokens come umlaut-folded). */
export function stem(token: string, language: Language = 'en'): string {
    if (token === numberToken) return token;
    const memo = memos[language];
    let stemmed = memo.get(token);
    if (stemmed === undefined) {
        stemmed = stemmers[language].stem(token);
        if (memo.size >= memoLimit) memo.clear();
        memo.set(token, stemmed);
    }
    return stemmed;
}
