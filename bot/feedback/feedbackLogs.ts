// Where feedback records go: a JSON-lines file beside the bot's data (append-only, one record a
// line, readable by `npm run report` and by any log tool), or memory for tests.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { feedbackRecordSchema, type FeedbackRecord, type FeedbackSink } from '../../dialogs/feedbackRecord';

export interface FeedbackLog extends FeedbackSink {
    readAll(): Promise<FeedbackRecord[]>;
}

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
    private folderMade = false;

    constructor(readonly file: string) {}

    async append(record: FeedbackRecord): Promise<void> {
        const line = JSON.stringify(feedbackRecordSchema.parse(record)) + '\n';
        if (!this.folderMade) {
            await mkdir(dirname(this.file), { recursive: true });
            this.folderMade = true;
        }
        try {
            await appendFile(this.file, line);
        } catch (err) {
            // The folder was removed while the bot ran: make it again rather than lose the record.
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            await mkdir(dirname(this.file), { recursive: true });
            await appendFile(this.file, line);
        }
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
