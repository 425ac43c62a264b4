// The texts of the pages the server writes itself (knowledge/webChatPage.yaml, legalPages.yaml):
// each language's file loads, and every text uses the same {placeholders} as its English source,
// so no German page shows a raw {agent} or loses the retention days.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { languages, sourceLanguage } from '../../knowledge/languages';
import { loadLegalPagesTexts, loadWebChatPageTexts } from '../../knowledge/loadPageTexts';

/** Every text of a texts file by its path, with the placeholders it uses. */
function placeholders(value: unknown, path = ''): Map<string, string[]> {
    if (typeof value === 'string') return new Map([[path, [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()]]);
    if (Array.isArray(value)) return new Map(value.flatMap((item, i) => [...placeholders(item, `${path}[${i}]`)]));
    if (value && typeof value === 'object') return new Map(Object.entries(value).flatMap(([key, item]) => [...placeholders(item, path ? `${path}.${key}` : key)]));
    return new Map();
}

describe('Knowledge: page texts in every language', () => {
    for (const [file, load] of [['webChatPage.yaml', loadWebChatPageTexts], ['legalPages.yaml', loadLegalPagesTexts]] as const) {
        for (const language of languages.filter((l) => l !== sourceLanguage)) {
            it(`${language}/${file} has the English texts' placeholders, text for text`, () => {
                const english = placeholders(load(sourceLanguage));
                const translated = placeholders(load(language));
                expect([...translated.keys()], 'the same texts (list items too)').to.deep.equal([...english.keys()]);
                for (const [path, names] of english) expect(translated.get(path), path).to.deep.equal(names);
            });

        }
    }

    it('says which file and field is wrong when a texts file is broken', () => {
        const dir = mkdtempSync(join(tmpdir(), 'page-texts-'));
        try {
            mkdirSync(join(dir, 'de'));
            writeFileSync(join(dir, 'de', 'webChatPage.yaml'), 'status: Hallo\n');
            expect(() => loadWebChatPageTexts('de', dir)).to.throw(/de\/webChatPage\.yaml: statusOffline: /);
            expect(() => loadLegalPagesTexts('de', dir)).to.throw(/de\/legalPages\.yaml: \(file\): ENOENT/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
