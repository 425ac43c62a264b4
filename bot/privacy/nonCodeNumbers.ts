// Numbers people type that are not secrets: years, dates, software versions, mileages, amounts
// phone numbers left for a callback, postcodes and numbers labelled as something else. A digit run of one of these shapes is kept, unless a
// code word points at it ("my code is 2019"), which the redactor checks first.
import { currencyBefore, dateArticle, dateWord, labelFiller, labelWord, phoneWord, quantityAfter, streetBefore, versionWord } from './codeVocabulary';

export interface DigitRun {
    /** The digit groups, in order: "12/05/2023" is ["12", "05", "2023"]. */
    groups: string[];
    /** What stands between them: ["/", "/"]. */
    separators: string[];
    /** The normalised text before and after the run (a short window), and the whole message. */
    before: string;
    after: string;
    message: string;
}

const year = /^(?:19|20)\d\d$/;
const day = (g: string) => g.length <= 2 && Number(g) >= 1 && Number(g) <= 31;
const month = (g: string) => g.length <= 2 && Number(g) >= 1 && Number(g) <= 12;

/** The last word before the run, lower-cased ("" when a digit or nothing comes first). */
function wordBefore(before: string): string {
    const match = /(\p{L}+)[^\p{L}\p{N}]*$/u.exec(before);
    return match ? match[1]!.toLowerCase() : '';
}

function wordsBefore(before: string, count: number): string[] {
    const sentence = before.split(/[.!?;\n]\s/).pop() ?? '';
    return (sentence.match(/\p{L}+/gu) ?? []).slice(-count).map((w) => w.toLowerCase());
}

/** A label just before the number calls it something else: "Kundennummer 123456", "Auftragsnummer ist 4711". */
export function isLabelled(before: string): boolean {
    const tokens = before.match(/\p{L}+|\d+|[,;!?]/gu) ?? [];
    for (let i = tokens.length - 1; i >= Math.max(0, tokens.length - 3); i--) {
        const word = tokens[i]!.toLowerCase();
        if (labelWord.test(word)) return true;
        if (!labelFiller.test(word)) return false;
    }
    return false;
}

/**
 * A German postcode after a street and house number ("Leopoldstraße 12, 80331 München"); a house
 * number of one digit is read together with it ("Hauptstraße 5, 10115 Berlin").
 */
function isPostcode({ groups, separators, before, after }: DigitRun): boolean {
    if (!/^\s\p{Lu}/u.test(after) || groups.at(-1)!.length !== 5) return false;
    if (groups.length === 1) return streetBefore.test(before);
    return groups.length === 2 && groups[0]!.length <= 3 && /^,\s*$/.test(separators[0]!) && streetBefore.test(before);
}

function isYears({ groups, separators }: DigitRun): boolean {
    return groups.every((g) => year.test(g)) && separators.every((s) => /^[\s,\-–/]+$/.test(s));
}

function isDate({ groups, separators, before }: DigitRun): boolean {
    const sep = separators[0];
    if (!sep || !['.', '/', '-'].includes(sep) || separators.some((s) => s !== sep)) return false;
    const [a, b, c] = groups as [string, string, string | undefined];
    if (groups.length === 3) {
        if (a.length === 4 && year.test(a)) return month(b) && day(c!);
        return (c!.length === 2 || year.test(c!)) && ((day(a) && month(b)) || (month(a) && day(b)));
    }
    if (groups.length === 2) {
        if (month(a) && year.test(b)) return true;
        if (year.test(a) && month(b)) return true;
        if (!((day(a) && month(b)) || (month(a) && day(b)))) return false;
        const [earlier, last] = wordsBefore(before, 2);
        return dateWord.test(wordBefore(before)) || (last !== undefined && dateArticle.test(last) && dateWord.test(earlier ?? ''));
    }
    return false;
}

function isVersion({ groups, separators, before }: DigitRun): boolean {
    if (!separators.every((s) => s === '.')) return false;
    // 10.2.3 and 3.4.1.2 are how versions are written; a dotted code is rarer than a version.
    if (groups.length >= 3) return true;
    return wordsBefore(before, 3).some((w) => versionWord.test(w));
}

function isQuantity({ before, after }: DigitRun): boolean {
    return currencyBefore.test(before) || quantityAfter.test(after);
}

function isPhoneNumber({ groups, before, message }: DigitRun): boolean {
    const digits = groups.join('').length;
    if (digits >= 8 && /\+\s?$/.test(before)) return true;
    return digits >= 9 && phoneWord.test(message);
}

/** True when the run has the shape of something that is not a code. */
// The scales people rate on: "10/10", "5/5", "100/100" ("3/3" is too short to be taken for a code).
const ratingScales = new Set(['5', '10', '100']);

/**
 * A rating: "10/10", "4 / 5", "100/100". Read as a rating even as a whole message, where a bare
 * number would be a code: it is how people answer "How did I do?", and no PIN is typed that way.
 */
export function isRating(run: Pick<DigitRun, 'groups' | 'separators'>): boolean {
    const [given, scale] = run.groups;
    return (
        run.groups.length === 2 &&
        /^\s*\/\s*$/.test(run.separators[0] ?? '') &&
        ratingScales.has(scale!) &&
        !/^0\d/.test(given!) &&
        Number(given) <= Number(scale)
    );
}

export function looksLikeNonCode(run: DigitRun): boolean {
    return isYears(run) || isDate(run) || isVersion(run) || isQuantity(run) || isPhoneNumber(run) || isLabelled(run.before) || isPostcode(run);
}
