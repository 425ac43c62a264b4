// Rewrites a reply into words the reply classifier's features can see: the bag of words behind
// the intent classifier loses what decides a reply's act. "not sure" and "sure", "no change" and
// "change", "ok but it still fails" and "ok" differ in scope and order, and an emoji or a question
// mark is dropped by the tokenizer. Each marking is an option so the benchmark can measure it.
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

const hedges = new Set([
    'might', 'may', 'maybe', 'perhaps', 'possibly', 'probably', 'guess', 'think', 'seems', 'seem', 'hopefully', 'suppose', 'apparently', 'looks',
    'kinda', 'sorta', 'somewhat', 'partly', 'partially', 'hope'
]);
const questionOpeners = new Set(['why', 'how', 'what', 'whats', 'where', 'wheres', 'which', 'when', 'who']);
const questionWord = 'xquestionx';

const negators = new Set([
    'not', 'no', 'never', 'nothing', 'none', 'nobody', 'nowhere', 'neither', 'nor', 'without', 'hardly',
    'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'cannot', 'couldnt', 'wont',
    'wouldnt', 'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'nope', 'nah', 'nt'
]);
const contrastWords = /\b(but|though|although|however|yet|except|tho)\b/i;
// Clause ends: negation does not reach past them.
const clauseBreak = /[,.;:!?\n]+|\b(?:but|though|although|however|yet|except|tho|and|so|because|cause|cos|coz)\b/i;

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
function clauses(text: string): string[] {
    const parts: string[] = [];
    let rest = text;
    for (let m = clauseBreak.exec(rest); m; m = clauseBreak.exec(rest)) {
        parts.push(rest.slice(0, m.index), m[0]);
        rest = rest.slice(m.index + m[0].length);
    }
    parts.push(rest);
    return parts;
}

// "4/5", "9 out of 10", "3 stars" (out of 5). Only a scale a rating uses, and never above it, so a
// date ("12/6") or a version ("10.2.3") is left alone.
const outOf = /\b(\d{1,3})\s*(?:\/|out of|outta)\s*(\d{1,3})\b/gi;
const stars = /\b(\d)\s*stars?\b/gi;
const ratingScales = new Set([3, 5, 10, 100]);

function ratingWord(whole: string, given: number, scale: number): string {
    const ratio = given / scale;
    if (!ratingScales.has(scale) || ratio > 1) return whole;
    return ` ${ratio >= 0.7 ? 'xhighratingx' : ratio <= 0.4 ? 'xlowratingx' : 'xmidratingx'} `;
}

function markRatings(text: string): string {
    return text
        .replace(outOf, (whole: string, given: string, scale: string) => ratingWord(whole, Number(given), Number(scale)))
        .replace(stars, (whole: string, given: string) => ratingWord(whole, Number(given), 5));
}

// "sort of works" hedges as "kinda works" does; one word, so it can be a hedge like the others.
const twoWordHedges = /\b(sort|kind) of\b/gi;

export function markReply(text: string, marking: ReplyMarking = allMarkings): string {
    let working = marking.emoji ? markEmoji(text) : text;
    if (marking.ratings) working = markRatings(working);
    if (marking.hedgeScope) working = working.replace(twoWordHedges, '$1a');
    const asks = marking.questionMark && working.includes('?');
    let contrastAt = -1;
    if (marking.contrast) {
        const m = contrastWords.exec(working);
        // A reply that opens with "but" has nothing before it to discount.
        if (m && m.index > 0) contrastAt = m.index;
    }
    const marked: string[] = [];
    let offset = 0;
    for (const clause of clauses(working)) {
        const start = offset;
        offset += clause.length;
        let words = tokenize(clause);
        if (marking.hedgeScope) words = markScope(words, hedges, hedgedPrefix);
        if (marking.negationScope) words = markScope(words, negators, negatedPrefix);
        if (marking.questionScope && questionOpeners.has(words[0] ?? '')) words = [words[0]!, ...words.slice(1).map((w) => `${askedPrefix}${w}`)];
        if (contrastAt > 0 && start < contrastAt) words = words.map((w) => `${beforeContrastPrefix}${w}`);
        // A digit keeps its place as a digit: tokenize() turns it back into the number token.
        marked.push(...words.map((w) => (w.endsWith(numberToken) ? '0' : w)));
    }
    working = marked.join(' ');
    return asks ? `${working} ${questionWord}` : working;
}
