// Reads a JSON-lines feedback log. Lines that are not valid records (a torn last line after a
// crash, a record of a newer schema) are skipped and counted, not fatal.
import { readFile } from 'node:fs/promises';
import { feedbackRecordSchema, type FeedbackRecord } from '../../dialogs/feedbackRecord';

export interface ReadResult {
    records: FeedbackRecord[];
    skippedLines: number;
}

export function parseRecords(text: string): ReadResult {
    const records: FeedbackRecord[] = [];
    let skippedLines = 0;
    for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let parsed;
        try {
            parsed = feedbackRecordSchema.safeParse(JSON.parse(line));
        } catch {
            parsed = undefined;
        }
        if (parsed?.success) records.push(parsed.data);
        else skippedLines += 1;
    }
    return { records, skippedLines };
}

/** Throws ENOENT as it is, so the caller can say which file is missing. */
export async function readRecords(file: string): Promise<ReadResult> {
    return parseRecords(await readFile(file, 'utf8'));
}
