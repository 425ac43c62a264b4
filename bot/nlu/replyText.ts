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
}

export const allMarkings: ReplyMarking = { negationScope: true, contrast: true, questionMark: true, emoji: true };

// Markers are plain letters because tokenize() splits on anything else; the x..x shape keeps
// them from colliding with English words.
export const negatedPrefix = 'xn';
export const beforeContrastPrefix = 'xb';
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

/** The words of one clause, those after a negation prefixed. */
function markNegation(tokens: string[]): string[] {
    let negated = false;
    return tokens.map((token) => {
        if (negators.has(token)) {
            negated = true;
            return token;
        }
        return negated ? `${negatedPrefix}${token}` : token;
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

export function markReply(text: string, marking: ReplyMarking = allMarkings): string {
    let working = marking.emoji ? markEmoji(text) : text;
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
        if (marking.negationScope) words = markNegation(words);
        if (contrastAt > 0 && start < contrastAt) words = words.map((w) => `${beforeContrastPrefix}${w}`);
        // A digit keeps its place as a digit: tokenize() turns it back into the number token.
        marked.push(...words.map((w) => (w.endsWith(numberToken) ? '0' : w)));
    }
    working = marked.join(' ');
    return asks ? `${working} ${questionWord}` : working;
}
