// STORAGE=cosmos: feedback records in Azure Cosmos DB, one item per record, in the state
// container (COSMOS_CONTAINER).
//
// One item per record under a fresh id: every append is a create that touches no other item, so
// any number of instances write at once with no conflict to resolve and nothing to lose, and a
// case's records are deleted one item each. The state container rather than one of their own:
// it exists already (the template makes it, and a managed identity's data role may write items
// but not create containers), and the items cannot meet a state key, whose ids botbuilder derives
// from channel and conversation ("<channel>*conversations*..."), never "feedback-<uuid>".
// Reading selects on the `feedback` field, which Cosmos DB indexes by default, so the report
// reads the records without scanning the state.
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { feedbackRecordSchema, type FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { ReadResult } from '../report/readRecords';
import type { FeedbackLog, ReadProgress } from './feedbackLogs';
import { storeUnreachable } from './storeUnreachable';

interface FeedbackItem {
    id: string;
    /**
     * The id again, for a container botbuilder's older CosmosDbStorage made (partitioned on
     * /_partitionKey, which cosmosStartup.ts accepts): then too the item's partition is its id,
     * and deleteCases finds it where it looks.
     */
    _partitionKey?: string;
    /** Write time and this process's count: the order of writing within a case. */
    written: string;
    feedback: unknown;
}

const PAGE = 1000;
const statusOf = (err: unknown) => (err as { code?: unknown }).code;

export class CosmosFeedbackLog implements FeedbackLog {
    private sequence = 0;
    readonly where: string;

    /** `container`: the state container, however its client signs in (createFeedbackLog.ts builds it from the settings). */
    constructor(
        private readonly container: Container,
        endpoint: string
    ) {
        this.where = `Cosmos DB container "${container.id}" of database "${container.database.id}" at ${endpoint}`;
    }

    async append(record: FeedbackRecord): Promise<void> {
        this.sequence = (this.sequence + 1) % 36 ** 6;
        const id = `feedback-${randomUUID()}`;
        const item: FeedbackItem = {
            id,
            _partitionKey: id,
            written: `${new Date().toISOString()}-${this.sequence.toString(36).padStart(6, '0')}`,
            feedback: feedbackRecordSchema.parse(record)
        };
        await this.container.items.create(item);
    }

    private unreachable(err: unknown) {
        const todo = 'Check COSMOS_ENDPOINT and COSMOS_KEY, and that this host may reach the account (firewall, private endpoints).';
        return storeUnreachable(err, this.where, todo);
    }

    /**
     * Every record, case by case and in order of writing within a case (as the blob log reads
     * them). An item that is not a record is counted in skippedLines. A missing database or
     * container reads as no records.
     */
    async read(onProgress?: ReadProgress): Promise<ReadResult> {
        const items: FeedbackItem[] = [];
        try {
            const [total] = (await this.container.items.query<number>('SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.feedback)').fetchAll()).resources;
            const query = 'SELECT c.id, c.written, c.feedback FROM c WHERE IS_DEFINED(c.feedback)';
            const pages = this.container.items.query<FeedbackItem>(query, { maxItemCount: PAGE });
            while (pages.hasMoreResults()) {
                items.push(...(await pages.fetchNext()).resources);
                onProgress?.(items.length, Math.max(total ?? 0, items.length));
            }
        } catch (err) {
            if (statusOf(err) === 404) return { records: [], skippedLines: 0 };
            throw this.unreachable(err);
        }
        const records: { record: FeedbackRecord; written: string }[] = [];
        let skippedLines = 0;
        for (const item of items) {
            const parsed = feedbackRecordSchema.safeParse(item.feedback);
            if (parsed.success) records.push({ record: parsed.data, written: String(item.written) });
            else skippedLines += 1;
        }
        const order = (a: { record: FeedbackRecord; written: string }, b: typeof a) =>
            a.record.caseId < b.record.caseId ? -1 : a.record.caseId > b.record.caseId ? 1 : a.written < b.written ? -1 : a.written > b.written ? 1 : 0;
        return { records: records.sort(order).map((r) => r.record), skippedLines };
    }

    async readAll(): Promise<FeedbackRecord[]> {
        return (await this.read()).records;
    }

    /** Deletes (or, dryRun, counts) the records of these cases; returns how many. */
    async deleteCases(caseIds: ReadonlySet<string>, dryRun: boolean): Promise<number> {
        let ids: string[];
        try {
            ({ resources: ids } = await this.container.items
                .query<string>({
                    query: 'SELECT VALUE c.id FROM c WHERE IS_DEFINED(c.feedback) AND ARRAY_CONTAINS(@cases, c.feedback.caseId)',
                    parameters: [{ name: '@cases', value: [...caseIds] }]
                })
                .fetchAll());
        } catch (err) {
            if (statusOf(err) === 404) return 0;
            throw err;
        }
        if (!dryRun) {
            for (const id of ids) {
                // Partitioned on /id, or /_partitionKey holding the id (see FeedbackItem).
                await this.container.item(id, id).delete().catch((err: unknown) => {
                    if (statusOf(err) !== 404) throw err;
                });
            }
        }
        return ids.length;
    }
}
