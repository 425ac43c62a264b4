// The LMDB store reads an item's eTag from the front of its JSON instead of parsing the whole
// item; items written before that (eTag anywhere in the JSON) must still be checked correctly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { open } from 'lmdb';
import { LmdbStorage, storedETag } from '../../bot/storage/lmdbStorage';

describe('LMDB store: eTags', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'lmdb-etag-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the eTag from the front of the JSON, or by parsing when it is elsewhere', () => {
        expect(storedETag('{"eTag":"abc-123","a":1}')).to.equal('abc-123');
        expect(storedETag('{"a":1,"eTag":"old-format"}')).to.equal('old-format');
        expect(storedETag('{"eTag":"with \\" quote","a":1}')).to.equal('with " quote');
        expect(storedETag('{"a":1}')).to.equal(undefined);
    });

    it('checks an item written in the older layout: the right eTag writes, a stale one conflicts', async () => {
        const raw = open<string, string>({ path: join(dir, 'bot-state.mdb'), noSubdir: true, encoding: 'string' });
        await raw.put('conversation/1', JSON.stringify({ turns: 1, eTag: 'etag-from-before' }));
        await raw.close();

        const storage = new LmdbStorage({ dataDir: dir });
        try {
            const read = (await storage.read(['conversation/1']))['conversation/1'];
            expect(read).to.deep.equal({ turns: 1, eTag: 'etag-from-before' });
            await storage.write({ 'conversation/1': { turns: 2, eTag: 'etag-from-before' } });
            const again = (await storage.read(['conversation/1']))['conversation/1'];
            expect(again.turns).to.equal(2);
            expect(again.eTag).to.be.a('string').and.not.equal('etag-from-before');
            let error: unknown;
            await storage.write({ 'conversation/1': { turns: 3, eTag: 'etag-from-before' } }).catch((err: unknown) => (error = err));
            expect(String(error)).to.match(/eTag conflict/i);
            expect((await storage.read(['conversation/1']))['conversation/1'].turns).to.equal(2);
        } finally {
            await storage.close();
        }
    });
});
