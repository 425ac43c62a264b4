// Reads labelled utterances in the JSON-lines format of the shared benchmarks:
// one {"text", "intent", "split"?} object a line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The shared benchmark corpora (Braun, CLINC150): beside the checkout unless NLU_BENCHMARKS_DIR says otherwise. */
export const benchmarksDir = process.env.NLU_BENCHMARKS_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'benchmarks', 'nlu');

export const labelledUtteranceSchema = z.object({
    text: z.string(),
    intent: z.string().min(1, 'intent must not be empty'),
    split: z.string().optional()
});

export type LabelledUtterance = z.infer<typeof labelledUtteranceSchema>;

/** A problem with an input file, worded for the person who gave it. */
export class DatasetError extends Error {
    override name = 'DatasetError';
}

export function readJsonLines(file: string): LabelledUtterance[] {
    let content: string;
    try {
        content = readFileSync(file, 'utf8');
    } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
        throw new DatasetError(`cannot read ${file} (${reason}): give the path of a JSON-lines file`);
    }
    const examples: LabelledUtterance[] = [];
    content.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        let raw: unknown;
        try {
            raw = JSON.parse(line);
        } catch {
            throw new DatasetError(`${file}:${i + 1}: not JSON: each line must be one {"text", "intent", "split"} object`);
        }
        const parsed = labelledUtteranceSchema.safeParse(raw);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue?.path.length ? issue.path.join('.') : 'line';
            throw new DatasetError(`${file}:${i + 1}: ${where}: ${issue?.message ?? 'invalid'}: each line needs a string "text" and "intent"`);
        }
        examples.push(parsed.data);
    });
    if (examples.length === 0) throw new DatasetError(`${file} has no examples: give a file with one {"text", "intent"} object a line`);
    return examples;
}
