// Scores a redactor against the labelled messages in test/privacy/fixtures/redaction.yaml:
// recall over the codes (removed in every form), and precision over what it removed (a labelled
// non-code that did not come out as typed is a false positive), plus the messages where the person
// would have been warned about a code they never typed. Used by the labelled-set test and by
// `npm run bench:redaction`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { languageSchema } from '../../knowledge/languages';

const codeSchema = z.union([z.string().min(1), z.object({ typed: z.string().min(1), digits: z.string().regex(/^\d+$/) })]);
const messageSchema = z.object({
    text: z.string().min(1),
    codes: z.array(codeSchema).default([]),
    keep: z.array(z.string().min(1)).default([]),
    /** The language it is written in, so the scores can be read per language. */
    language: languageSchema.default('en')
});
const fixtureSchema = z.object({ messages: z.array(messageSchema).min(1) });

export type LabelledMessage = z.infer<typeof messageSchema>;
export type Redactor = (text: string) => { text: string; redacted: boolean };

export const fixtureFile = join(__dirname, '..', '..', 'test', 'privacy', 'fixtures', 'redaction.yaml');

export function loadLabelledMessages(file = fixtureFile): LabelledMessage[] {
    const messages = fixtureSchema.parse(parse(readFileSync(file, 'utf8'))).messages;
    for (const m of messages) {
        for (const code of m.codes) {
            const typed = typeof code === 'string' ? code : code.typed;
            if (!m.text.includes(typed)) throw new Error(`${file}: code ${JSON.stringify(typed)} is not in ${JSON.stringify(m.text)}`);
        }
        for (const k of m.keep) if (!m.text.includes(k)) throw new Error(`${file}: ${JSON.stringify(k)} to keep is not in ${JSON.stringify(m.text)}`);
    }
    return messages;
}

/**
 * Letters and digits only, lower-cased, every decimal digit as ASCII: "4 8_2\u200b1" and "４８２１" are
 * both "4821". Written independently of the redactor's own normaliser, so a bug there is not
 * hidden by the same bug here.
 */
export function skeleton(text: string): string {
    let out = '';
    for (const char of text.normalize('NFKC')) {
        if (/\p{Nd}/u.test(char)) {
            let zero = char.codePointAt(0)!;
            while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
            out += String((char.codePointAt(0)! - zero) % 10);
        } else if (/[\p{L}\p{N}]/u.test(char)) out += char.toLowerCase();
    }
    return out;
}

export interface CodeOutcome {
    message: string;
    code: string;
    removed: boolean;
}

export interface Score {
    messages: number;
    codes: number;
    codesRemoved: number;
    nonCodes: number;
    nonCodesKept: number;
    /** Messages with no code for which the redactor said it removed one (the person would be warned). */
    falseWarnings: number;
    recall: number;
    precision: number;
    missed: CodeOutcome[];
    lost: { message: string; kept: string; output: string }[];
    wronglyWarned: string[];
}

export function scoreRedactor(redact: Redactor, messages: Omit<LabelledMessage, 'language'>[]): Score {
    const missed: CodeOutcome[] = [];
    const lost: Score['lost'] = [];
    const wronglyWarned: string[] = [];
    let codes = 0;
    let nonCodes = 0;
    for (const m of messages) {
        const result = redact(m.text);
        const left = skeleton(result.text);
        for (const code of m.codes) {
            codes += 1;
            const typed = typeof code === 'string' ? code : code.typed;
            const digits = typeof code === 'string' ? skeleton(code) : code.digits;
            const removed = !left.includes(skeleton(typed)) && !left.includes(digits);
            if (!removed) missed.push({ message: m.text, code: typed, removed });
        }
        for (const kept of m.keep) {
            nonCodes += 1;
            if (!result.text.includes(kept)) lost.push({ message: m.text, kept, output: result.text });
        }
        if (m.codes.length === 0 && result.redacted) wronglyWarned.push(m.text);
    }
    const codesRemoved = codes - missed.length;
    const falsePositives = lost.length;
    return {
        messages: messages.length,
        codes,
        codesRemoved,
        nonCodes,
        nonCodesKept: nonCodes - lost.length,
        falseWarnings: wronglyWarned.length,
        recall: codes ? codesRemoved / codes : 1,
        precision: codesRemoved + falsePositives ? codesRemoved / (codesRemoved + falsePositives) : 1,
        missed,
        lost,
        wronglyWarned
    };
}
