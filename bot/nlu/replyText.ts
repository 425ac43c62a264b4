// Rewrites a reply into words the reply classifier's features can see: the bag of words behind
// the intent classifier loses what decides a reply's act. "not sure" and "sure", "no change" and
// "change", "ok but it still fails" and "ok" differ in scope and order, and an emoji or a question
// mark is dropped by the tokenizer. Each marking is an option so the benchmark can measure it.
import { sourceLanguage, type Language } from '../../knowledge/languages';
import { loadReplyMarking } from '../../knowledge/load';
import type { ReplyMarkingWords } from '../../knowledge/replyMarkingSchema';
import { numberToken, tokenize } from './tokenize';

export interface ReplyMarking {
    /** Prefix the words after a negation, up to the end of its clause, so "sure" differs from "not sure". */
    negationScope: boolean;
    /** Prefix the words before "but", "though", ... so the clause after it carries the reply. */
    contrast: boolean;
    /** A question mark becomes a word: "it's on?" asks, "it's on" answers. */
    questionMark: boolean;
    /** Emoji become words by what they say (good, bad, unsure), since the tokenizer drops them. */
    emoji: boolean;
    /** Prefix the words after a hedge ("might", "i think", "i guess"), so "it might work" differs from "it works". */
    hedgeScope: boolean;
    /** Prefix the words of a clause that opens with "why", "how", "what"..., so "why did it stop working" asks, not reports. */
    questionScope: boolean;
    /** A rating ("4/5", "9 out of 10", "2 stars") becomes a word for high, middling or low, since the tokenizer keeps no digit. */
    ratings: boolean;
}

export const allMarkings: ReplyMarking = {
    negationScope: true,
    contrast: true,
    questionMark: true,
    emoji: true,
    hedgeScope: true,
    questionScope: true,
    ratings: true
};

/**
 * What the reply classifier uses, as measured on the dev split of tools/benchmarks/replies/
 * (BENCHMARKS.md) and by cross-validating the training examples: negation scope and emoji words
 * each help on both; hedge scope leaves accuracy as it was and removes false successes such as
 * "it might be working" in cross-validation; question scope leaves the dev split as it was and
 * removes "why did it stop working" read as `worked` in cross-validation (0.838 against 0.836);
 * rating words read "10/10" on the dev split and "5/5", "1/5", "10 out of 10" in cross-validation;
 * contrast marking and the question-mark word changed no dev reply and nothing for the better in
 * cross-validation (the learner already reads "still", "but" and "why"), so they stay off.
 */
export const defaultMarkings: ReplyMarking = {
    negationScope: true,
    contrast: false,
    questionMark: false,
    emoji: true,
    hedgeScope: true,
    questionScope: true,
    ratings: true
};

// Markers are plain letters because tokenize() splits on anything else; the x..x shape keeps
// them from colliding with English words. Prefixes are five letters so the featurizer's spelling
// correction (at most 2 edits) can never turn a marked word back into the plain one: with "xn",
// an unseen "xnsolved" was "corrected" to "solved", and "not solved" read as `worked`.
export const negatedPrefix = 'xnegx';
export const beforeContrastPrefix = 'xbutx';
export const hedgedPrefix = 'xhedx';
export const askedPrefix = 'xaskx';

const questionWord = 'xquestionx';

/** The marking words of one language (knowledge/replyMarking.yaml), compiled once into sets and patterns. */
export interface MarkingWords {
    language: Language;
    hedges: ReadonlySet<string>;
    negators: ReadonlySet<string>;
    questionOpeners: ReadonlySet<string>;
    twoWordHedges: { pattern: RegExp; word: string }[];
    contrast: RegExp;
    clauseBreak: RegExp;
    outOf: RegExp;
    stars: RegExp;
    /** Number words in ratings and the numbers they stand for, by their lower-case spelling. */
    numbers: ReadonlyMap<string, number>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "stars" is tried before "star".
const alternatives = (phrases: readonly string[]) => [...phrases].sort((a, b) => b.length - a.length).map(escape).join('|');
// \b knows only ASCII letters: "für" would have a word boundary inside it.
const wholeWords = (phrases: readonly string[]) => `(?<![\\p{L}\\p{N}_])(?:${alternatives(phrases)})(?![\\p{L}\\p{N}_])`;

export function compileMarkingWords(words: ReplyMarkingWords, language: Language = sourceLanguage): MarkingWords {
    const numberWords = Object.keys(words.ratings.numbers);
    // Digits (at most `digits` of them) or a number word.
    const number = (digits: number) => [`\\d{1,${digits}}`, ...(numberWords.length ? [alternatives(numberWords)] : [])].join('|');
    // Compared with tokens, so written as tokenize() writes them (no accents, no apostrophes).
    const tokens = (list: readonly string[]) => new Set(list.flatMap((w) => tokenize(w, language)));
    return {
        language,
        hedges: tokens([...words.hedges, ...Object.values(words.twoWordHedges)]),
        negators: tokens(words.negators),
        questionOpeners: tokens(words.questionOpeners),
        twoWordHedges: Object.entries(words.twoWordHedges).map(([phrase, word]) => ({ pattern: new RegExp(wholeWords([phrase]), 'giu'), word })),
        contrast: new RegExp(wholeWords(words.contrastWords), 'iu'),
        // Clause ends: negation does not reach past them.
        clauseBreak: new RegExp(`[,.;:!?\\n]+|${wholeWords([...words.contrastWords, ...words.clauseBreakWords])}`, 'iu'),
        // "4/5", "9 out of 10", "3 stars" (out of 5), and the same with the numbers as words ("ten out of ten").
        outOf: new RegExp(`(?<![\\p{L}\\p{N}_])(${number(3)})\\s*(?:\\/|${alternatives(words.ratings.outOf)})\\s*(${number(3)})(?![\\p{L}\\p{N}_])`, 'giu'),
        stars: new RegExp(`(?<![\\p{L}\\p{N}_])(${number(1)})\\s*(?:${alternatives(words.ratings.stars)})(?![\\p{L}\\p{N}_])`, 'giu'),
        numbers: new Map(Object.entries(words.ratings.numbers).map(([w, n]) => [w.toLowerCase(), n]))
    };
}

let english: MarkingWords | undefined;
/** The source language's marking words, read from knowledge/replyMarking.yaml on first use. */
export function englishMarkingWords(): MarkingWords {
    english ??= compileMarkingWords(loadReplyMarking(), sourceLanguage);
    return english;
}

const emojiWords: { pattern: RegExp; word: string }[] = [
    { pattern: /[👍👌✅🎉🥳🙌💪😀😃😄😁😊🙂😍🥰❤💯✔☺😎🤩]/gu, word: 'xgoodemojix' },
    { pattern: /[👎❌😡😠😤😞😢😭🙁☹😩😫💩🤬😒]/gu, word: 'xbademojix' },
    { pattern: /[🤷🤔😕😐❓]/gu, word: 'xunsureemojix' },
    { pattern: /\p{Extended_Pictographic}/gu, word: 'xemojix' }
];

function markEmoji(text: string): string {
    let out = text;
    for (const { pattern, word } of emojiWords) out = out.replace(pattern, ` ${word} `);
    return out;
}

/** The words of one clause, those after a trigger word (a negation, a hedge) prefixed. */
function markScope(tokens: string[], triggers: ReadonlySet<string>, prefix: string): string[] {
    let inScope = false;
    return tokens.map((token) => {
        if (triggers.has(token)) {
            inScope = true;
            return token;
        }
        return inScope ? `${prefix}${token}` : token;
    });
}

/** Splits on clause breaks, keeping the break words themselves as clauses of their own. */
function clauses(text: string, clauseBreak: RegExp): string[] {
    const parts: string[] = [];
    let rest = text;
    for (let m = clauseBreak.exec(rest); m; m = clauseBreak.exec(rest)) {
        parts.push(rest.slice(0, m.index), m[0]);
        rest = rest.slice(m.index + m[0].length);
    }
    parts.push(rest);
    return parts;
}

/** The clauses of a reply, split where negation and hedges stop, without the break words: "bluetooth's fine but the signal is rubbish" has two. */
export function replyClauses(text: string, words: MarkingWords): string[] {
    return clauses(text, words.clauseBreak)
        .filter((_, i) => i % 2 === 0)
        .map((c) => c.trim())
        .filter(Boolean);
}

// Only a scale a rating uses, and never above it, so a date ("12/6") or a version ("10.2.3") is left alone.
const ratingScales = new Set([3, 5, 10, 100]);

function ratingWord(whole: string, given: number, scale: number): string {
    const ratio = given / scale;
    if (!ratingScales.has(scale) || ratio > 1) return whole;
    return ` ${ratio >= 0.7 ? 'xhighratingx' : ratio <= 0.4 ? 'xlowratingx' : 'xmidratingx'} `;
}

// A row of star emoji is a rating out of five, as "5 stars" is.
const starEmoji = /[⭐🌟]+/gu;

function markRatings(text: string, { outOf, stars, numbers }: MarkingWords): string {
    const value = (n: string) => numbers.get(n.toLowerCase()) ?? Number(n);
    return text
        .replace(starEmoji, (row: string) => ratingWord(row, [...row].length, 5))
        .replace(outOf, (whole: string, given: string, scale: string) => ratingWord(whole, value(given), value(scale)))
        .replace(stars, (whole: string, given: string) => ratingWord(whole, value(given), 5));
}

export function markReply(text: string, marking: ReplyMarking = allMarkings, words: MarkingWords = englishMarkingWords()): string {
    // Ratings first, so a row of star emoji is read as a rating before the emoji become words.
    let working = marking.ratings ? markRatings(text, words) : text;
    if (marking.emoji) working = markEmoji(working);
    // "sort of works" hedges as "kinda works" does; one word, so it can be a hedge like the others.
    if (marking.hedgeScope) for (const { pattern, word } of words.twoWordHedges) working = working.replace(pattern, word);
    const asks = marking.questionMark && working.includes('?');
    let contrastAt = -1;
    if (marking.contrast) {
        const m = words.contrast.exec(working);
        // A reply that opens with "but" has nothing before it to discount.
        if (m && m.index > 0) contrastAt = m.index;
    }
    const marked: string[] = [];
    let offset = 0;
    for (const clause of clauses(working, words.clauseBreak)) {
        const start = offset;
        offset += clause.length;
        let tokens = tokenize(clause, words.language);
        if (marking.hedgeScope) tokens = markScope(tokens, words.hedges, hedgedPrefix);
        if (marking.negationScope) tokens = markScope(tokens, words.negators, negatedPrefix);
        if (marking.questionScope && words.questionOpeners.has(tokens[0] ?? '')) tokens = [tokens[0]!, ...tokens.slice(1).map((w) => `${askedPrefix}${w}`)];
        if (contrastAt > 0 && start < contrastAt) tokens = tokens.map((w) => `${beforeContrastPrefix}${w}`);
        // A digit keeps its place as a digit: tokenize() turns it back into the number token.
        marked.push(...tokens.map((w) => (w.endsWith(numberToken) ? '0' : w)));
    }
    working = marked.join(' ');
    return asks ? `${working} ${questionWord}` : working;
}
