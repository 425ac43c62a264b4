// Turns an utterance into the word tokens every feature is built from, in the language it is in.
import AggressiveTokenizerDe from 'natural/lib/natural/tokenizers/aggressive_tokenizer_de';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import type { Language } from '../../knowledge/languages';

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

/**
 * German is typed with umlauts and without ("Schlüssel", "Schluessel"), so both meet in the
 * keyboard-free spelling. natural's German stemmer takes either (it treats ä and a+e alike as
 * vowels) but does not map one onto the other, so the fold happens here, before it.
 */
const germanFolds: readonly [RegExp, string][] = [
    [/ä/g, 'ae'],
    [/ö/g, 'oe'],
    [/ü/g, 'ue'],
    [/ß/g, 'ss']
];
// A hyphenated compound is the compound ("Sicherheits-Code" is "Sicherheitscode"), so the hyphen joins.
const hyphens = /[-‐‑–]/g;

const wordTokenizer = new WordTokenizer();
const germanTokenizer = new AggressiveTokenizerDe();

function tokenizeEnglish(text: string): string[] {
    const normalised = text
        .normalize('NFKD')
        .replace(combiningMarks, '')
        .replace(apostrophes, '')
        .replace(/_/g, ' ')
        .toLowerCase();
    return wordTokenizer.tokenize(normalised);
}

function tokenizeGerman(text: string): string[] {
    // NFC first so a decomposed "u + ¨" is folded like "ü"; other accents (café) go as in English.
    let folded = text.normalize('NFC').toLowerCase();
    for (const [letter, spelling] of germanFolds) folded = folded.replace(letter, spelling);
    const normalised = folded
        .normalize('NFKD')
        .replace(combiningMarks, '')
        .replace(apostrophes, '')
        .replace(hyphens, '')
        .replace(/_/g, ' ');
    return germanTokenizer.tokenize(normalised);
}

export function tokenize(text: string, language: Language = 'en'): string[] {
    const numbered = text.replace(redactedCode, ' 0 ').replace(digitRun, ' 0 ');
    const tokens = language === 'de' ? tokenizeGerman(numbered) : tokenizeEnglish(numbered);
    return tokens.map((token) => (token === '0' ? numberToken : token));
}
