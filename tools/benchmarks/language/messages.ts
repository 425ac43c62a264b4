// Reads the labelled language-identification messages (one JSON object a line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema } from '../../../knowledge/languages';

export const benchmarkDir = __dirname;

/** "either": the message is the same in both languages, so the right answer is "cannot tell". */
const labelledMessageSchema = z.strictObject({ text: z.string(), language: z.union([languageSchema, z.literal('either')]) });
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export function readMessages(file: string): LabelledMessage[] {
    const path = join(benchmarkDir, file);
    return readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, i) => {
            const parsed = labelledMessageSchema.safeParse(JSON.parse(line));
            if (!parsed.success) throw new Error(`${path}:${i + 1} is not {"text", "language": "en"|"de"|"either"}: ${parsed.error.message}`);
            return parsed.data;
        });
}

export function wordCount(text: string): number {
    return text.trim().split(/\s+/).filter(Boolean).length;
}
