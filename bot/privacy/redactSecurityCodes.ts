// A person may type their security code or PIN into the chat. It must never be stored, logged,
// echoed or passed to an agent, so every text is redacted before anything else sees it.
//
// How: the text is normalised first (normalizeForRedaction: NFKC, every decimal digit as ASCII,
// invisible characters dropped), then three kinds of candidate are looked for in it:
// - digit runs, with the separators people and keyboards put between digits (4821, 48 21,
//   4-8-2-1, 4_8_2_1, 48/21, 4,8,2,1, 48  21);
// - digits said as words ("four eight two one", "double five oh seven");
// - tokens of letters and digits (a7x9k2).
// A digit run is a code unless it has the shape of a year, date, version, mileage, amount or
// phone number (nonCodeNumbers.ts); a code word pointing at it ("my code is 2019") or a message
// that is nothing but the number overrides the shape. Words and letter-digit tokens count only in
// a message that talks about codes, and model names (330e, M340i, eDrive40) never do. The span of
// the original text behind a code is replaced, so the rest is kept exactly as typed.
import {
    codeAfter,
    codeWord,
    cueBreaker,
    entryWord,
    digitWords,
    modelName,
    notCodeToken,
    repeatWords,
    teensWords,
    tensWords,
    vinToken,
    weakDigitWords
} from './codeVocabulary';
import { isLabelled, isRating, looksLikeNonCode } from './nonCodeNumbers';
import { normalizeForRedaction } from './normalizeForRedaction';

export const redactionMarker = '[redacted code]';

export interface Redaction {
    text: string;
    /** True when something was removed, so the bot can ask the person not to share codes. */
    redacted: boolean;
}

interface Span {
    start: number;
    end: number;
}

const window = 80;
const separator = String.raw`[ \t\r\n._/,'’·‐‑‒–—−\-]`;
/** Digit groups and what joins them; the lookbehind keeps "x5" and "330e" out, the end is checked in code. */
const digitRun = new RegExp(String.raw`(?<![\p{L}\p{N}])\d+(?:${separator}{1,3}\d+)*`, 'gu');
const groupOrSeparator = new RegExp(String.raw`\d+|${separator}+`, 'gu');

const alternatives = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).join('|');
const unit = `(?:${alternatives(Object.keys(digitWords))})`;
const spelledItem = String.raw`(?:(?:${alternatives(Object.keys(repeatWords))})[\s-]+)?(?:(?:${alternatives(Object.keys(tensWords))})(?:[\s-]+${unit})?|${alternatives(Object.keys(teensWords))}|${unit}|\d)(?![\p{L}\p{N}])`;
const spelledRun = new RegExp(String.raw`(?<![\p{L}\p{N}])${spelledItem}(?:[\s,/._\-–—]{1,3}${spelledItem})+`, 'giu');

const letterDigitToken = /[\p{L}\p{N}]+/gu;
const codeWordThenDigits = /^(codes?|pins?|pincodes?|passcodes?|pw|otp)(\d{4,})$/i;

/** Does a code word or a verb of typing point at the candidate from just before it ("my pin is", "code:", "I typed")? */
function cuedBefore(text: string, start: number): boolean {
    const line = text.slice(Math.max(0, start - window), start).split('\n').pop() ?? '';
    const tokens = line.match(/[\p{L}\p{M}'’]+|\d+|\S/gu) ?? [];
    let words = 0;
    for (let i = tokens.length - 1; i >= 0; i--) {
        const token = tokens[i]!;
        if (/^[.,;!?]$/.test(token) || /\d/.test(token)) return false;
        if (!/\p{L}/u.test(token)) continue;
        const word = token.toLowerCase();
        if (codeWord.test(word) || entryWord.test(word)) return true;
        if (cueBreaker.test(word) || ++words > 3) return false;
    }
    return false;
}

function cued(text: string, span: Span): boolean {
    return cuedBefore(text, span.start) || codeAfter.test(text.slice(span.end, span.end + window));
}

/** The message is nothing but this candidate (a bare "4821" answer). */
function isWholeMessage(text: string, span: Span): boolean {
    return !/[\p{L}\p{N}]/u.test(text.slice(0, span.start)) && !/[\p{L}\p{N}]/u.test(text.slice(span.end));
}

function talksAboutCodes(text: string): boolean {
    for (const token of text.match(/\p{L}+/gu) ?? []) if (codeWord.test(token.toLowerCase())) return true;
    return false;
}

/** Splits "2020, 60.000" or "4821. 2019" into the numbers a comma or full stop and a space separate. */
function numbersOf(text: string, match: RegExpExecArray): Span[] {
    let run = match[0];
    // A last group glued to letters is a model name or a unit ("4821 330e", "45 000km"), not part of the run.
    if (/\p{L}/u.test(text[match.index + run.length] ?? '')) run = run.replace(new RegExp(String.raw`${separator}*\d+$`, 'u'), '');
    const parts: Span[] = [];
    const partDigits: number[] = [];
    let partStart = match.index;
    let digits = 0;
    let position = match.index;
    for (const piece of run.match(groupOrSeparator) ?? []) {
        if (/^\d/.test(piece)) digits += piece.length;
        else if (/[.,;]\s/.test(piece)) {
            parts.push({ start: partStart, end: position });
            partDigits.push(digits);
            partStart = position + piece.length;
            digits = 0;
        }
        position += piece.length;
    }
    parts.push({ start: partStart, end: position });
    partDigits.push(digits);
    // A code said as "48, 21" stays one; "12, 2019" or "2020, 60.000 km" are two numbers.
    const split = parts.length > 1 && partDigits.every((d) => d >= 2) && partDigits.some((d) => d >= 4);
    return (split ? parts : [{ start: match.index, end: position }]).filter((s) => s.end > s.start);
}

function digitRunCodes(text: string, message: string): Span[] {
    const codes: Span[] = [];
    digitRun.lastIndex = 0;
    for (let match = digitRun.exec(text); match; match = digitRun.exec(text)) {
        for (const span of numbersOf(text, match)) {
            const run = text.slice(span.start, span.end);
            const groups = run.match(/\d+/g) ?? [];
            if (groups.join('').length < 4) continue;
            const separators = run.split(/\d+/).slice(1, -1);
            const shape = {
                groups,
                separators,
                before: text.slice(Math.max(0, span.start - window), span.start),
                after: text.slice(span.end, span.end + window),
                message
            };
            if (cued(text, span) || (!isRating(shape) && (isWholeMessage(text, span) || !looksLikeNonCode(shape)))) codes.push(span);
        }
    }
    return codes;
}

/** The digits a spelled run says: "forty eight twenty one" is 4821; undefined if it has no real digit word. */
function spelledDigits(run: string): string | undefined {
    const words = run.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    let digits = '';
    let strong = false;
    let repeat = 1;
    for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        if (word in repeatWords) {
            repeat = repeatWords[word]!;
            strong = true;
            continue;
        }
        let value: string;
        if (word in tensWords) {
            const next = words[i + 1];
            value = tensWords[word]! + (next !== undefined && next in digitWords ? digitWords[words[++i]!]! : '0');
        } else value = teensWords[word] ?? digitWords[word] ?? word;
        if (/\p{L}/u.test(word) && !weakDigitWords.has(word)) strong = true;
        digits += value.repeat(repeat);
        repeat = 1;
    }
    return strong ? digits : undefined;
}

function spelledCodes(text: string, aboutCodes: boolean): Span[] {
    const codes: Span[] = [];
    spelledRun.lastIndex = 0;
    for (let match = spelledRun.exec(text); match; match = spelledRun.exec(text)) {
        const digits = spelledDigits(match[0]);
        const span = { start: match.index, end: match.index + match[0].length };
        if (digits !== undefined && digits.length >= 4 && (aboutCodes || cued(text, span) || isWholeMessage(text, span))) codes.push(span);
    }
    return codes;
}

function letterDigitCodes(text: string, aboutCodes: boolean): Span[] {
    const codes: Span[] = [];
    letterDigitToken.lastIndex = 0;
    for (let match = letterDigitToken.exec(text); match; match = letterDigitToken.exec(text)) {
        const token = match[0];
        if (!/\d/.test(token) || !/\p{L}/u.test(token)) continue;
        const span = { start: match.index, end: match.index + token.length };
        const glued = codeWordThenDigits.exec(token);
        if (glued) {
            codes.push({ start: span.start + glued[1]!.length, end: span.end });
            continue;
        }
        if (token.length < 4) continue;
        const lower = token.toLowerCase();
        if (vinToken.test(lower) || isLabelled(text.slice(Math.max(0, span.start - window), span.start))) continue;
        if (
            cued(text, span) ||
            (aboutCodes && !modelName.test(lower) && !notCodeToken.test(lower)) ||
            (isWholeMessage(text, span) && !modelName.test(lower))
        ) {
            codes.push(span);
        }
    }
    return codes;
}

function merge(spans: Span[]): Span[] {
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const merged: Span[] = [];
    for (const span of sorted) {
        const last = merged[merged.length - 1];
        if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
        else merged.push({ ...span });
    }
    return merged;
}

export function redactSecurityCodes(input: string): Redaction {
    const normalized = normalizeForRedaction(input);
    const text = normalized.text;
    const aboutCodes = talksAboutCodes(text);
    const spans = merge([...spelledCodes(text, aboutCodes), ...digitRunCodes(text, text), ...letterDigitCodes(text, aboutCodes)]);
    if (spans.length === 0) return { text: input, redacted: false };
    let out = '';
    let position = 0;
    for (const span of spans) {
        const start = normalized.start[span.start]!;
        const end = normalized.end[span.end - 1]!;
        if (start < position) continue;
        out += input.slice(position, start) + redactionMarker;
        position = end;
    }
    return { text: out + input.slice(position), redacted: true };
}
