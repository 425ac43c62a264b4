// The behaviour every store must share with botbuilder's MemoryStorage and BlobsStorage, so the
// dialogs cannot tell which one STORAGE picked. Run by storageContract.test.ts for each store.
import { expect } from 'chai';
import type { Storage, StoreItems } from 'botbuilder';

export interface ContractTarget {
    /** A store with no items in the key space returned by `key` (called once per test). */
    open(): Promise<Storage>;
    /** What a write carrying a real eTag does to an item that does not exist (stores differ). */
    eTagOnMissingItem: 'writes' | 'conflicts';
}

let counter = 0;
const key = (name: string) => `contract/${process.pid}/${++counter}/${name}`;

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (err) {
        return err as Error;
    }
    throw new Error('expected the promise to reject');
}

function withoutETag(item: StoreItems): StoreItems {
    const { eTag: _eTag, ...rest } = item;
    return rest;
}

export function storageContract(target: () => ContractTarget): void {
    let storage: Storage;
    beforeEach(async () => {
        storage = await target().open();
    });

    it('reads only the keys that exist, each with a string eTag', async () => {
        const a = key('a');
        const missing = key('missing');
        await storage.write({ [a]: { n: 1 } });
        const items = await storage.read([a, missing]);
        expect(Object.keys(items)).to.deep.equal([a]);
        expect(items[a].n).to.equal(1);
        expect(items[a].eTag).to.be.a('string').and.not.equal('').and.not.equal('*');
        expect(await storage.read([missing])).to.deep.equal({});
        expect(await storage.read([])).to.deep.equal({});
    });

    it('round-trips items as JSON does: nested data, unicode, Dates as strings, undefined dropped', async () => {
        const k = key('json');
        const when = new Date('2025-05-01T10:00:00.000Z');
        const item = {
            dialogState: { dialogStack: [{ id: 'troubleshoot', state: { step: 2, tried: ['restart', 'relogin'] } }] },
            text: 'Grüße, Überprüfung 🚗 日本語 "quoted" \\ back\nslash',
            count: 42.5,
            flag: false,
            nothing: null,
            gone: undefined,
            when
        };
        await storage.write({ [k]: item });
        const read = (await storage.read([k]))[k];
        expect(withoutETag(read)).to.deep.equal(JSON.parse(JSON.stringify(item)));
    });

    it('gives every write a fresh eTag and accepts the current one', async () => {
        const k = key('fresh');
        await storage.write({ [k]: { v: 1 } });
        const first = (await storage.read([k]))[k];
        await storage.write({ [k]: { ...first, v: 2 } });
        const second = (await storage.read([k]))[k];
        expect(second.v).to.equal(2);
        expect(second.eTag).to.be.a('string').and.not.equal(first.eTag);
    });

    it('rejects a stale eTag with "eTag conflict" and keeps the stored item', async () => {
        const k = key('stale');
        await storage.write({ [k]: { v: 1 } });
        const old = (await storage.read([k]))[k];
        await storage.write({ [k]: { ...old, v: 2 } });
        const err = await rejection(storage.write({ [k]: { ...old, v: 3 } }));
        expect(err.message).to.contain('eTag conflict');
        expect((await storage.read([k]))[k].v).to.equal(2);
    });

    it("overwrites whatever is stored when the eTag is '*' or absent", async () => {
        const k = key('star');
        await storage.write({ [k]: { v: 1 } });
        await storage.write({ [k]: { v: 2, eTag: '*' } });
        expect((await storage.read([k]))[k].v).to.equal(2);
        await storage.write({ [k]: { v: 3 } });
        expect((await storage.read([k]))[k].v).to.equal(3);
    });

    it('does not change the caller’s object', async () => {
        const k = key('immutable');
        const change = { v: 1, eTag: '*' };
        await storage.write({ [k]: change });
        expect(change).to.deep.equal({ v: 1, eTag: '*' });
    });

    it('lets exactly one of several writers holding the same eTag win', async () => {
        const k = key('race');
        await storage.write({ [k]: { v: 0 } });
        const { eTag } = (await storage.read([k]))[k];
        const results = await Promise.allSettled([1, 2, 3, 4, 5].map((v) => storage.write({ [k]: { v, eTag } })));
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).to.have.length(1);
        for (const r of lost) expect(String(r.reason?.message)).to.contain('eTag conflict');
    });

    it('treats a real eTag for a missing item as the store does', async () => {
        const k = key('missing-etag');
        await storage.write({ [k]: { v: 1 } });
        const { eTag } = (await storage.read([k]))[k];
        await storage.delete([k]);
        const write = storage.write({ [k]: { v: 2, eTag } });
        if (target().eTagOnMissingItem === 'writes') {
            await write;
            expect((await storage.read([k]))[k].v).to.equal(2);
        } else {
            expect((await rejection(write)).message).to.contain('eTag conflict');
            expect(await storage.read([k])).to.deep.equal({});
        }
    });

    it('deletes keys, and deleting a missing key is not an error', async () => {
        const a = key('del-a');
        const b = key('del-b');
        await storage.write({ [a]: { v: 1 }, [b]: { v: 2 } });
        await storage.delete([a, key('never-written')]);
        expect(Object.keys(await storage.read([a, b]))).to.deep.equal([b]);
    });

    it('accepts the keys botbuilder makes: channel ids, Teams conversation ids, user ids', async () => {
        const keys = [
            `msteams/conversations/19:a1b2c3d4e5f6@thread.tacv2;messageid=1712345678901/${counter++}`,
            `webchat/users/dl_8f0c3a2b-ünïcödé user/${counter++}`,
            `emulator/conversations/a b%20c?x=1#frag/${counter++}`
        ];
        await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
        const items = await storage.read(keys);
        expect(keys.map((k) => items[k]?.i)).to.deep.equal([0, 1, 2]);
    });
}
