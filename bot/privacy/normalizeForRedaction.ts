// A code hides from a pattern in many spellings that all read as the same digits: full-width
// (４８２１), Arabic-Indic (٤٨٢١), superscript (⁴⁸²¹), keycap emoji, or split by invisible
// characters (4\u200b821). The redactor searches a normalised copy and removes the matching span of
// the original, so the text around a code is kept exactly as the person typed it.

export interface NormalizedText {
    /** NFKC, every decimal digit as ASCII, invisible format characters dropped. */
    text: string;
    /** For each UTF-16 unit of `text`, where the original characters it came from start... */
    start: Int32Array;
    /** ...and end (exclusive). */
    end: Int32Array;
}

/** Zero-width spaces and joiners, soft hyphens, word joiners, BOMs, variation selectors; the keycap mark of 4️⃣. */
const invisible = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\u20e3]$/u;
const decimalDigit = /^\p{Nd}$/u;

const digitValues = new Map<number, string>();

/**
 * The ASCII digit for any Unicode decimal digit. Unicode assigns decimal digits in contiguous runs
 * of ten from zero (a stability guarantee), so the value is the count of digits just below it, mod 10.
 */
function asciiDigit(codePoint: number): string {
    let value = digitValues.get(codePoint);
    if (value === undefined) {
        let below = 0;
        while (below < 100 && decimalDigit.test(String.fromCodePoint(codePoint - below - 1))) below += 1;
        value = String(below % 10);
        digitValues.set(codePoint, value);
    }
    return value;
}

function normalizeChar(char: string): string {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return char;
    if (invisible.test(char)) return '';
    let out = '';
    for (const c of char.normalize('NFKC')) {
        if (invisible.test(c)) continue;
        out += decimalDigit.test(c) ? asciiDigit(c.codePointAt(0)!) : c;
    }
    return out;
}

export function normalizeForRedaction(input: string): NormalizedText {
    const start = new Int32Array(input.length * 2 + 4);
    const end = new Int32Array(input.length * 2 + 4);
    let text = '';
    let n = 0;
    let position = 0;
    let growable = { start, end };
    for (const char of input) {
        const out = normalizeChar(char);
        const next = position + char.length;
        if (n + out.length > growable.start.length) {
            const bigger = { start: new Int32Array((n + out.length) * 2), end: new Int32Array((n + out.length) * 2) };
            bigger.start.set(growable.start);
            bigger.end.set(growable.end);
            growable = bigger;
        }
        for (let i = 0; i < out.length; i++) {
            growable.start[n] = position;
            growable.end[n] = next;
            n += 1;
        }
        text += out;
        position = next;
    }
    return { text, start: growable.start.subarray(0, n), end: growable.end.subarray(0, n) };
}
