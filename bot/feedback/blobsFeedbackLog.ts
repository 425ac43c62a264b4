// STORAGE=blobs: feedback records in Azure Blob Storage, container "<BLOB_CONTAINER>-feedback",
// shared by every instance and kept across restarts.
//
// One block blob per record, named "<caseId>/<write time>-<sequence>-<random>.json". Why not an
// Append Blob per day: every instance appending to one blob is safe, but a blob holds at most
// 50,000 appends, and deleting one person's records (npm run data:delete) would mean rewriting a
// blob other instances keep appending to, which can lose their records. Here every append
// creates a blob of its own under a unique name (and refuses to overwrite one, If-None-Match: *),
// so writers never touch each other's blobs, a record is either whole or absent, and a case's
// records are deleted by listing its prefix. The price is one download per record when the
// report reads them, done many at a time.
import { randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { feedbackRecordSchema, type FeedbackRecord } from '../../dialogs/feedbackRecord';
import { parseRecords, type ReadResult } from '../report/readRecords';
import type { FeedbackLog, ReadProgress } from './feedbackLogs';
import { storeUnreachable } from './storeUnreachable';

/** A container name for feedback beside the state container (3-63 of a-z, 0-9 and "-"). */
export function feedbackContainerName(stateContainer: string): string {
    const suffix = '-feedback';
    return `${stateContainer.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

// How many downloads the reader keeps in flight: enough to hide the round trip, few enough not to
// be throttled by the account (20,000 requests a second) or starve the machine.
const READ_CONCURRENCY = 16;

const statusOf = (err: unknown) => (err as { statusCode?: unknown }).statusCode;
const codeOf = (err: unknown) => (err as { code?: unknown }).code;

export class BlobsFeedbackLog implements FeedbackLog {
    private created: Promise<unknown> | undefined;
    private sequence = 0;

    /** `container`: a client however it signs in (createFeedbackLog.ts builds it from the settings). */
    constructor(private readonly container: ContainerClient) {}

    /** Where the records are, for messages: the container and its account's address, never a key or SAS token. */
    get where(): string {
        const url = new URL(this.container.url);
        return `blob container ${this.container.containerName} at ${url.origin}${url.pathname.replace(/\/[^/]*$/, '')}`;
    }

    private ready(): Promise<unknown> {
        this.created ??= this.container.createIfNotExists().catch((err: unknown) => {
            this.created = undefined;
            throw err;
        });
        return this.created;
    }

    /** Name order is the order of writing within a case: the time, then this process's count. */
    private nameFor(record: FeedbackRecord): string {
        this.sequence = (this.sequence + 1) % 36 ** 6;
        const at = new Date().toISOString();
        return `${encodeURIComponent(record.caseId) || '-'}/${at}-${this.sequence.toString(36).padStart(6, '0')}-${randomBytes(6).toString('hex')}.json`;
    }

    async append(record: FeedbackRecord): Promise<void> {
        const body = JSON.stringify(feedbackRecordSchema.parse(record));
        const name = this.nameFor(record);
        const upload = () =>
            this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
                conditions: { ifNoneMatch: '*' },
                blobHTTPHeaders: { blobContentType: 'application/json' }
            });
        await this.ready();
        try {
            await upload();
        } catch (err) {
            // Someone deleted the container while the bot ran: make it again, once.
            if (codeOf(err) !== 'ContainerNotFound') throw err;
            this.created = undefined;
            await this.ready();
            await upload();
        }
    }

    private async names(prefix?: string): Promise<string[]> {
        const names: string[] = [];
        for await (const blob of this.container.listBlobsFlat(prefix ? { prefix } : {})) names.push(blob.name);
        return names;
    }

    /**
     * Every record, case by case and in order of writing within a case. A blob that is not a
     * record is counted in skippedLines, as a torn line of the file is. Throws
     * FeedbackStoreUnreachable when the account cannot be reached or refuses; a missing container
     * reads as no records.
     */
    async read(onProgress?: ReadProgress): Promise<ReadResult> {
        let names: string[];
        try {
            names = await this.names();
        } catch (err) {
            if (codeOf(err) === 'ContainerNotFound' || statusOf(err) === 404) return { records: [], skippedLines: 0 };
            throw storeUnreachable(err, this.where, 'Check BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING (and the identity\'s Storage Blob Data Contributor role), and that this host may reach the account (firewall, private endpoints).');
        }
        const texts: (string | undefined)[] = new Array<string | undefined>(names.length);
        let next = 0;
        let done = 0;
        const worker = async () => {
            while (next < names.length) {
                const i = next++;
                try {
                    texts[i] = (await this.container.getBlobClient(names[i]!).downloadToBuffer()).toString('utf8');
                } catch (err) {
                    // Deleted between the listing and the download (data:delete): no longer a record.
                    if (statusOf(err) !== 404) throw storeUnreachable(err, this.where, 'Check BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING and try again.');
                }
                done += 1;
                onProgress?.(done, names.length);
            }
        };
        await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, names.length) }, worker));
        // One record a blob, on one line: read as the lines of a file would be.
        return parseRecords(texts.filter((t) => t !== undefined).join('\n'));
    }

    async readAll(): Promise<FeedbackRecord[]> {
        return (await this.read()).records;
    }

    /** Deletes (or, dryRun, counts) the records of these cases; returns how many. */
    async deleteCases(caseIds: ReadonlySet<string>, dryRun: boolean): Promise<number> {
        let removed = 0;
        for (const caseId of caseIds) {
            let names: string[];
            try {
                names = await this.names(`${encodeURIComponent(caseId) || '-'}/`);
            } catch (err) {
                if (codeOf(err) === 'ContainerNotFound') return 0;
                throw err;
            }
            for (const name of names) {
                if (!dryRun) {
                    await this.container.deleteBlob(name, { deleteSnapshots: 'include' }).catch((err: unknown) => {
                        if (statusOf(err) !== 404) throw err;
                    });
                }
                removed += 1;
            }
        }
        return removed;
    }
}
