// STORAGE=blobs (and cosmos with BLOB_* set): transcripts in Azure Blob Storage, one blob per
// activity, written by botbuilder-azure-blobs' BlobsTranscriptStore (the blob layout the C# and
// JavaScript SDKs share), in a container of their own beside the state container.
//
// Reading, listing and deleting go through the container directly, because BlobsTranscriptStore
// (4.23) matches conversations by prefix without the trailing separator: reading or deleting
// conversation "abc" also reads or deletes "abcd"; and its listTranscripts returns one item per
// activity with `created` read from a metadata key it never writes (so it is always "now", and a
// retention sweep would never find anything old). Here every match is exact.
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { containerClient, containerUrl, type BlobAccess } from '../storage/blobAccess';
import { activityTime, type ManagedTranscriptStore } from './managedTranscriptStore';

const pageSize = 20;

/** The name BlobsTranscriptStore gives blobs: the path percent-encoded as one name (so "/" is %2F). */
const prefixOf = (...parts: string[]) => encodeURIComponent(parts.map((p) => `${p}/`).join(''));

/**
 * The activity's time from its blob name ("<.NET ticks in hex>-<activity id>.json", the layout
 * BlobsTranscriptStore shares with the C# SDK), so filtering by date needs no download.
 */
export function blobActivityTime(name: string): Date | undefined {
    const path = decodeURIComponent(name);
    const match = /^([0-9a-f]+)-/i.exec(path.slice(path.lastIndexOf('/') + 1));
    if (!match) return undefined;
    const ms = Number((BigInt(`0x${match[1]}`) - 621355968000000000n) / 10000n);
    return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function pageOf<T>(items: T[], continuationToken: string | undefined): PagedResult<T> {
    const start = Math.max(0, Number.parseInt(continuationToken ?? '0', 10) || 0);
    const next = start + pageSize;
    return { items: items.slice(start, next), continuationToken: next < items.length ? String(next) : '' };
}

/** A container name for transcripts beside the state container (3-63 of a-z, 0-9 and "-"). */
export function transcriptContainerName(stateContainer: string): string {
    const suffix = '-transcripts';
    return `${stateContainer.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

export class ManagedBlobsTranscriptStore implements ManagedTranscriptStore {
    private readonly writer: BlobsTranscriptStore;
    private readonly container: ContainerClient;
    private created: Promise<unknown> | undefined;

    /** `access`: a connection string, or the account URL and credential (bot/storage/blobAccess.ts). */
    constructor(access: string | BlobAccess, containerName: string, pipeline?: StoragePipelineOptions) {
        const way = typeof access === 'string' ? { connectionString: access } : access;
        const options = pipeline ? { storagePipelineOptions: pipeline } : undefined;
        this.writer =
            'connectionString' in way
                ? new BlobsTranscriptStore(way.connectionString, containerName, options)
                : new BlobsTranscriptStore('', '', options, containerUrl(way, containerName), way.credential);
        this.container = containerClient(way, containerName, pipeline);
    }

    private ready(): Promise<unknown> {
        this.created ??= this.container.createIfNotExists().catch((err: unknown) => {
            this.created = undefined;
            throw err;
        });
        return this.created;
    }

    toJSON() {
        return { name: 'ManagedBlobsTranscriptStore' };
    }

    async logActivity(activity: Activity): Promise<void> {
        // BlobsTranscriptStore insists on a Date.
        const timestamp = activityTime(activity) ?? new Date();
        await this.writer.logActivity({ ...activity, timestamp });
    }

    /** The blobs under a prefix in name order (which is time order), each with its activity's time. */
    private async names(prefix: string): Promise<{ name: string; at: Date }[]> {
        await this.ready();
        const blobs: { name: string; at: Date }[] = [];
        for await (const blob of this.container.listBlobsFlat({ prefix })) {
            blobs.push({ name: blob.name, at: blobActivityTime(blob.name) ?? blob.properties.createdOn ?? new Date(0) });
        }
        return blobs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }

    private async download(name: string): Promise<Activity | undefined> {
        try {
            const body = await this.container.getBlobClient(name).downloadToBuffer();
            const activity = JSON.parse(body.toString('utf8')) as Activity;
            const time = activityTime(activity);
            if (time) activity.timestamp = time;
            return activity;
        } catch (err) {
            if ((err as { statusCode?: number }).statusCode === 404) return undefined;
            throw err;
        }
    }

    async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
        const blobs = await this.names(prefixOf(channelId, conversationId));
        const wanted = startDate ? blobs.filter((b) => b.at >= startDate) : blobs;
        const page = pageOf(wanted, continuationToken);
        const activities = (await Promise.all(page.items.map((b) => this.download(b.name)))).filter((a): a is Activity => !!a);
        return { items: activities, continuationToken: page.continuationToken };
    }

    async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
        const channelPrefix = `${channelId}/`;
        const byConversation = new Map<string, Date>();
        for (const blob of await this.names(prefixOf(channelId))) {
            const path = decodeURIComponent(blob.name);
            const id = path.slice(channelPrefix.length, path.lastIndexOf('/'));
            if (!id) continue;
            const created = blob.at;
            const known = byConversation.get(id);
            if (!known || created < known) byConversation.set(id, created);
        }
        const items = [...byConversation].map(([id, created]) => ({ channelId, id, created })).sort((a, b) => a.created.getTime() - b.created.getTime());
        return pageOf(items, continuationToken);
    }

    async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
        for (const blob of await this.names(prefixOf(channelId, conversationId))) await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' }).catch(ignoreNotFound);
    }

    async listChannels(): Promise<string[]> {
        const channels = new Set<string>();
        for (const blob of await this.names('')) {
            const path = decodeURIComponent(blob.name);
            const slash = path.indexOf('/');
            if (slash > 0) channels.add(path.slice(0, slash));
        }
        return [...channels].sort();
    }

    async removeActivities(channelId: string, conversationId: string, remove: (activity: Activity) => boolean): Promise<number> {
        let removed = 0;
        for (const blob of await this.names(prefixOf(channelId, conversationId))) {
            const activity = await this.download(blob.name);
            if (activity && remove(activity)) {
                await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' }).catch(ignoreNotFound);
                removed += 1;
            }
        }
        return removed;
    }
}

function ignoreNotFound(err: unknown): void {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
}
