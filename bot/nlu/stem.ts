// Porter stems with a memo: the same few thousand words are stemmed over and over, and natural's
// stemmer costs microseconds a call, which would dominate classification time.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { numberToken } from './tokenize';

const memo = new Map<string, string>();
// Bounds the memo in a long-running bot that sees endless new (mistyped) words.
const memoLimit = 100_000;

export function stem(token: string): string {
    if (token === numberToken) return token;
    let stemmed = memo.get(token);
    if (stemmed === undefined) {
        stemmed = PorterStemmer.stem(token);
        if (memo.size >= memoLimit) memo.clear();
        memo.set(token, stemmed);
    }
    return stemmed;
}
