// Where feedback records go with STORAGE=file: a JSON-lines file beside the bot's data (append-only,
// one record a line, readable by `npm run report` and by any log tool); memory for tests. The
// shared stores have their own (blobsFeedbackLog.ts, cosmosFeedbackLog.ts; createFeedbackLog.ts picks).
import { readFile } from 'node:fs/promises';
import { feedbackRecordSchema, type FeedbackRecord, type FeedbackSink } from '../../dialogs/feedbackRecord';
import { appendMakingFolder } from '../storage/appendMakingFolder';

export interface FeedbackLog extends FeedbackSink {
    readAll(): Promise<FeedbackRecord[]>;
}

/** Called as a long read goes on: records (or blobs) read so far, of how many. */
export type ReadProgress = (done: number, total: number) => void;

export class MemoryFeedbackLog implements FeedbackLog {
    readonly records: FeedbackRecord[] = [];
    async append(record: FeedbackRecord): Promise<void> {
        this.records.push(feedbackRecordSchema.parse(record));
    }
    async readAll(): Promise<FeedbackRecord[]> {
        return [...this.records];
    }
}

export class JsonLinesFeedbackLog implements FeedbackLog {
    constructor(readonly file: string) {}

    async append(record: FeedbackRecord): Promise<void> {
        await appendMakingFolder(this.file, JSON.stringify(feedbackRecordSchema.parse(record)) + '\n');
    }

    /** Skips a torn last line (a crash mid-append) instead of failing the whole report. */
    async readAll(): Promise<FeedbackRecord[]> {
        let text: string;
        try {
            text = await readFile(this.file, 'utf8');
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
            throw err;
        }
        return text.split('\n').flatMap((line) => {
            if (!line.trim()) return [];
            try {
                const parsed = feedbackRecordSchema.safeParse(JSON.parse(line));
                return parsed.success ? [parsed.data] : [];
            } catch {
                return [];
            }
        });
    }
}
