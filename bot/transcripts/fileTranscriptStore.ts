// STORAGE=file: transcripts as JSON lines, one file per conversation, under
// DATA_DIR/transcripts/<channel>/<conversation>.jsonl. Appending a line is cheap and never
// rewrites what is there; a torn last line (a crash mid-append) is skipped when read. Writes to
// one file go through a queue, so lines keep the order the turn logged them in and a prune or a
// person's deletion never interleaves with an append.
//
// File names: the id's UTF-8 bytes in hex, as "x.<hex>" (only 0-9a-f, so no id can leave the
// folder, differ only by case on a case-insensitive disk, or make the encoding throw: a lone
// surrogate becomes U+FFFD's bytes), or "s.<SHA-256 of the id>" when that would be too long for a
// file name (Teams conversation ids can be); every line carries the activity's own conversation
// id, so the id is never lost. Before issue 13 names were the id percent-encoded ("#<SHA-256>"
// when long); those files are still read, listed, pruned and deleted, and receive no new lines,
// so retention removes them in time.
import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { appendMakingFolder } from '../storage/appendMakingFolder';
import { activityTime, type ManagedTranscriptStore } from './managedTranscriptStore';

const pageSize = 20;
/** How long later pages of a listing may reuse the folder read for its first page. */
const listingReuseMs = 10 * 60 * 1000;
const maxNameLength = 200;
const extension = '.jsonl';

const sha256 = (id: string) => createHash('sha256').update(id).digest('hex');

/** The file or folder name for an id. */
function encodeName(id: string): string {
    const hex = Buffer.from(id, 'utf8').toString('hex');
    return hex.length + 2 <= maxNameLength ? `x.${hex}` : `s.${sha256(id)}`;
}

/** The name an id had before issue 13 (percent-encoded), or undefined where that encoding throws. */
function legacyName(id: string): string | undefined {
    try {
        const encoded = encodeURIComponent(id).replace(/[.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
        return encoded.length <= maxNameLength ? encoded : `#${sha256(id)}`;
    } catch {
        return undefined;
    }
}

/** The id a name spells, or undefined for a hashed name (read it from the file instead). */
function decodeName(name: string): string | undefined {
    if (name.startsWith('x.')) return Buffer.from(name.slice(2), 'hex').toString('utf8');
    if (name.startsWith('s.') || name.startsWith('#')) return undefined;
    try {
        return decodeURIComponent(name);
    } catch {
        return undefined;
    }
}

/** What new and old names of one id share: the id's SHA-256 (given by hashed names, computed for the others). */
function identityOf(name: string): string {
    if (name.startsWith('s.')) return name.slice(2);
    if (name.startsWith('#')) return name.slice(1);
    const id = decodeName(name);
    return id === undefined ? `name:${name}` : sha256(id);
}

/** Where the transcript of one conversation is written, under the store's root (for operators and tests). */
export function transcriptFile(root: string, channelId: string, conversationId: string): string {
    return join(root, encodeName(channelId), encodeName(conversationId) + extension);
}

function parseLines(text: string): Activity[] {
    const activities: Activity[] = [];
    for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
            const activity = JSON.parse(line) as Activity;
            const time = activityTime(activity);
            if (time) activity.timestamp = time;
            activities.push(activity);
        } catch {
            // A torn line from a crash mid-append: skip it, keep the rest.
        }
    }
    return activities;
}

function pageOf<T>(items: T[], continuationToken: string | undefined): PagedResult<T> {
    const start = Math.max(0, Number.parseInt(continuationToken ?? '0', 10) || 0);
    const page = items.slice(start, start + pageSize);
    const next = start + pageSize;
    return { items: page, continuationToken: next < items.length ? String(next) : '' };
}

export class FileTranscriptStore implements ManagedTranscriptStore {
    private readonly queues = new Map<string, Promise<unknown>>();
    /** Lines logged for a file whose append has not started yet: they go out in one append. */
    private readonly unwritten = new Map<string, { lines: string[]; written: Promise<void> }>();
    /** The last folder listing, which the following pages reuse (see listTranscripts). */
    private listing: { channelId: string; groups: string[][]; at: number } | undefined;

    constructor(readonly root: string) {}

    /** The channel's folders: today's name, then the name it had before issue 13. */
    private channelDirs(channelId: string): string[] {
        const old = legacyName(channelId);
        return [join(this.root, encodeName(channelId)), ...(old === undefined ? [] : [join(this.root, old)])];
    }

    private file(channelId: string, conversationId: string): string {
        return transcriptFile(this.root, channelId, conversationId);
    }

    /** Every file that may hold the conversation: the old name first (its lines are older), today's last. */
    private files(channelId: string, conversationId: string): string[] {
        const oldDir = legacyName(channelId);
        const oldName = legacyName(conversationId);
        const current = this.file(channelId, conversationId);
        return oldDir === undefined || oldName === undefined ? [current] : [join(this.root, oldDir, oldName + extension), current];
    }

    /** Runs `work` after every earlier operation on the same file. */
    private serial<T>(file: string, work: () => Promise<T>): Promise<T> {
        const previous = this.queues.get(file) ?? Promise.resolve();
        const run = previous.then(work, work);
        const settled = run.then(
            () => undefined,
            () => undefined
        );
        this.queues.set(file, settled);
        void settled.then(() => {
            if (this.queues.get(file) === settled) this.queues.delete(file);
        });
        return run;
    }

    async logActivity(activity: Activity): Promise<void> {
        if (!activity) throw new Error('activity is required');
        const channelId = activity.channelId;
        const conversationId = activity.conversation?.id;
        if (typeof channelId !== 'string' || !channelId || typeof conversationId !== 'string' || !conversationId) {
            throw new Error('a transcript activity needs channelId and conversation.id');
        }
        const line = JSON.stringify({ ...activity, timestamp: activityTime(activity) ?? new Date() }) + '\n';
        const file = this.file(channelId, conversationId);
        // A turn logs its activities one after another without waiting (TranscriptMiddleware):
        // lines that arrive while the file's queue is busy join one append instead of opening the
        // file once each. Each caller's promise still resolves only once its own line is written.
        const batch = this.unwritten.get(file);
        if (batch) {
            batch.lines.push(line);
            return batch.written;
        }
        const lines = [line];
        const written = this.serial(file, async () => {
            this.unwritten.delete(file);
            await appendMakingFolder(file, lines.join(''));
        });
        this.unwritten.set(file, { lines, written });
        await written;
    }

    private async read(file: string): Promise<Activity[]> {
        try {
            return parseLines(await readFile(file, 'utf8'));
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
            throw err;
        }
    }

    async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
        if (!channelId || !conversationId) throw new Error('channelId and conversationId are required');
        let activities: Activity[] = [];
        for (const file of this.files(channelId, conversationId)) activities.push(...(await this.serial(file, () => this.read(file))));
        // A hashed name could in theory be shared: keep only this conversation's lines.
        activities = activities.filter((a) => a.conversation?.id === conversationId);
        if (startDate) activities = activities.filter((a) => (activityTime(a)?.getTime() ?? 0) >= startDate.getTime());
        return pageOf(activities, continuationToken);
    }

    /** The first line only: its conversation id (for hashed names) and time. */
    private async firstActivity(file: string): Promise<Activity | undefined> {
        let handle;
        try {
            handle = await open(file, 'r');
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            throw err;
        }
        try {
            let text = '';
            const buffer = Buffer.alloc(64 * 1024);
            let position = 0;
            for (;;) {
                const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
                if (bytesRead === 0) break;
                text += buffer.toString('utf8', 0, bytesRead);
                position += bytesRead;
                if (text.includes('\n') || position > 16 * 1024 * 1024) break;
            }
            return parseLines(text.split('\n')[0] ?? '')[0];
        } finally {
            await handle.close();
        }
    }

    async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
        if (!channelId) throw new Error('channelId is required');
        // Later pages reuse the listing the first page read: reading and sorting the whole folder
        // for each page of 20 made a full listing quadratic (the retention sweep lists them all),
        // and pages stay consistent while new conversations add files.
        const reuse = !!continuationToken && this.listing?.channelId === channelId && Date.now() - this.listing.at < listingReuseMs;
        let groups: string[][];
        if (reuse) {
            groups = this.listing!.groups;
        } else {
            // One entry per conversation, its files under today's and the old name together.
            const byIdentity = new Map<string, string[]>();
            for (const dir of this.channelDirs(channelId)) {
                let names: string[];
                try {
                    names = (await readdir(dir)).filter((n) => n.endsWith(extension));
                } catch (err) {
                    if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
                    throw err;
                }
                for (const name of names) {
                    const identity = identityOf(name.slice(0, -extension.length));
                    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), join(dir, name)]);
                }
            }
            // In id order (hashed names, whose id is inside the file, after the rest).
            const order = (files: string[]) => decodeName(basename(files[0]!, extension)) ?? `\uffff${basename(files[0]!)}`;
            groups = [...byIdentity.values()]
                .map((files) => ({ files, key: order(files) }))
                .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
                .map((g) => g.files);
            this.listing = { channelId, groups, at: Date.now() };
        }
        const page = pageOf(groups, continuationToken);
        // The last page: nothing will ask for this listing again, so do not keep it.
        if (!page.continuationToken) this.listing = undefined;
        const items: TranscriptInfo[] = [];
        for (const files of page.items) {
            let id: string | undefined;
            let created: Date | undefined;
            for (const file of files) {
                const first = await this.firstActivity(file);
                const name = basename(file, extension);
                id ??= decodeName(name) ?? first?.conversation?.id;
                const at = first && activityTime(first);
                if (at && (!created || at < created)) created = at;
            }
            if (!id) continue;
            items.push({ channelId, id, created: created ?? new Date(0) });
        }
        return { items, continuationToken: page.continuationToken };
    }

    async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
        if (!channelId || !conversationId) throw new Error('channelId and conversationId are required');
        for (const file of this.files(channelId, conversationId)) await this.serial(file, () => rm(file, { force: true }));
    }

    async listChannels(): Promise<string[]> {
        let names: string[];
        try {
            names = await readdir(this.root);
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
            throw err;
        }
        const channels = new Set<string>();
        for (const name of names.sort()) {
            const decoded = decodeName(name);
            if (decoded !== undefined) {
                channels.add(decoded);
                continue;
            }
            // A hashed channel id: read it back from any of its transcripts.
            const files = (await readdir(join(this.root, name)).catch(() => [] as string[])).filter((n) => n.endsWith(extension));
            for (const file of files) {
                const channelId = (await this.firstActivity(join(this.root, name, file)))?.channelId;
                if (channelId) {
                    channels.add(channelId);
                    break;
                }
            }
        }
        return [...channels].sort();
    }

    async removeActivities(channelId: string, conversationId: string, remove: (activity: Activity) => boolean): Promise<number> {
        let removed = 0;
        for (const file of this.files(channelId, conversationId)) removed += await this.removeFrom(file, remove);
        return removed;
    }

    private removeFrom(file: string, remove: (activity: Activity) => boolean): Promise<number> {
        return this.serial(file, async () => {
            const activities = await this.read(file);
            const kept = activities.filter((a) => !remove(a));
            const removed = activities.length - kept.length;
            if (removed === 0) return 0;
            if (kept.length === 0) {
                await rm(file, { force: true });
                return removed;
            }
            // Write beside it, then rename over it: a crash leaves the old file or the new one.
            const temporary = `${file}.${randomUUID()}.tmp`;
            await writeFile(temporary, kept.map((a) => JSON.stringify(a) + '\n').join(''), 'utf8');
            await rename(temporary, file);
            return removed;
        });
    }
}
