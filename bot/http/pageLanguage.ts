// Which language a page the server writes itself is in: ?lang= when it names a language the bot
// speaks, else the first language of the browser's Accept-Language (by q-value) that it speaks,
// else English. The header is the client's to write: only its first 1000 characters and first 50
// entries are read, and an entry that is not a well-formed language range is passed over.
import type { Request } from 'restify';
import { languageSchema, sourceLanguage, type Language } from '../../knowledge/languages';

const maxHeader = 1000;
const maxEntries = 50;
const range = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
const quality = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** The language an Accept-Language header asks for first among those the bot speaks. */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
    if (!header) return undefined;
    const entries = header
        .slice(0, maxHeader)
        .split(',', maxEntries)
        .flatMap((entry, order) => {
            const [tag = '', ...params] = entry.split(';').map((part) => part.trim());
            if (!range.test(tag)) return [];
            let q = 1;
            for (const param of params) {
                const match = quality.exec(param);
                if (!match) return [];
                q = Number(match[1]);
            }
            return q > 0 ? [{ tag: tag.toLowerCase(), q, order }] : [];
        })
        .sort((a, b) => b.q - a.q || a.order - b.order);
    for (const { tag } of entries) {
        // de, de-DE, de-AT, de-CH (and any other German) all read the German pages.
        const language = languageSchema.safeParse(tag.split('-')[0]);
        if (language.success) return language.data;
    }
    return undefined;
}

/** The language of a page for this request: ?lang=, then Accept-Language, then English. */
export function pageLanguage(req: Request): Language {
    const query: unknown = (req.query as Record<string, unknown> | undefined)?.lang;
    const asked = languageSchema.safeParse(query);
    if (asked.success) return asked.data;
    return languageFromAcceptLanguage(req.header('accept-language')) ?? sourceLanguage;
}
