// Turns an utterance into the word tokens every feature is built from.
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

/**
 * Stands for any number and for the redaction middleware's `[redacted code]`: a code, a year or
 * a count says nothing about what the person wants, and a security code must not become a
 * feature, so they all share one token.
 */
export const numberToken = '<num>';

const redactedCode = /\[\s*redacted\s+code\s*\]/gi;
const digitRun = /\d+/g;
// Apostrophes are dropped rather than split on, so "can't" and "cant" are the same token.
const apostrophes = /['’‘`´]/g;
const combiningMarks = /[\u0300-\u036f]/g;

const wordTokenizer = new WordTokenizer();

export function tokenize(text: string): string[] {
    const normalised = text
        .replace(redactedCode, ' 0 ')
        .replace(digitRun, ' 0 ')
        .normalize('NFKD')
        .replace(combiningMarks, '')
        .replace(apostrophes, '')
        .replace(/_/g, ' ')
        .toLowerCase();
    return wordTokenizer.tokenize(normalised).map((token) => (token === '0' ? numberToken : token));
}
