// The feedback log, counted: each record is counted once it has been written, so the metrics
// never run ahead of the records `npm run report` reads.
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { FeedbackLog } from '../feedback/feedbackLogs';
import type { BotMetrics } from './botMetrics';

export class MeteredFeedbackSink implements FeedbackLog {
    constructor(
        readonly inner: FeedbackLog,
        private readonly metrics: BotMetrics
    ) {}

    async append(record: FeedbackRecord): Promise<void> {
        await this.inner.append(record);
        this.metrics.recordFeedback(record);
    }

    readAll(): Promise<FeedbackRecord[]> {
        return this.inner.readAll();
    }
}
