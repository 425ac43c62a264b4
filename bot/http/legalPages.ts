// GET /privacy and GET /terms: the pages the Teams manifest links to when PRIVACY_URL and TERMS_URL
// are unset. They describe what this code does (redaction, stores, retention, data:delete), with
// the configured retention filled in; an operator with their own notices sets the two URLs, and
// these paths then redirect there. The texts are knowledge/legalPages.yaml, per language, chosen
// as for the Web Chat page (pageLanguage.ts).
import type { Request, Response, Server } from 'restify';
import { languages, type Language } from '../../knowledge/languages';
import { loadLegalPagesTexts } from '../../knowledge/loadPageTexts';
import type { LegalPagesTexts } from '../../knowledge/pageTextSchema';
import type { Config } from '../config';
import { escapeHtml } from './escapeHtml';
import { fillPlaceholders } from './fillPlaceholders';
import { pageLanguage } from './pageLanguage';

type PageConfig = Pick<Config, 'BRAND_NAME' | 'STORAGE' | 'TRANSCRIPT_RETENTION_DAYS' | 'PRIVACY_URL' | 'TERMS_URL' | 'APPLICATIONINSIGHTS_CONNECTION_STRING'>;

/** A text as HTML: escaped, then its placeholders filled with the HTML given. */
const html = (text: string, values: Record<string, string> = {}) => fillPlaceholders(escapeHtml(text), values);

function page(language: Language, title: string, brand: string, body: string): string {
    return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: ${escapeHtml(brand)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

export function privacyPage(config: PageConfig, language: Language, { privacy: t }: LegalPagesTexts): string {
    const values = { brand: escapeHtml(config.BRAND_NAME), days: String(config.TRANSCRIPT_RETENTION_DAYS) };
    const stores: Record<Config['STORAGE'], string> = t.stores;
    const stored = [...t.stored, ...(config.APPLICATIONINSIGHTS_CONNECTION_STRING ? [t.telemetry] : [])];
    return page(
        language,
        t.title,
        config.BRAND_NAME,
        `<p>${html(t.intro, values)}</p>
<h2>${html(t.securityCodesHeading)}</h2>
<p>${html(t.securityCodes)}</p>
<h2>${html(t.storedHeading)}</h2>
<ul>
${stored.map((item) => `<li>${html(item, values)}</li>`).join('\n')}
</ul>
<p>${html(t.storedWhere, { store: escapeHtml(stores[config.STORAGE]) })}</p>
<h2>${html(t.deletingHeading)}</h2>
<p>${html(t.deleting, { ...values, command: '<code>npm run data:delete</code>' })}</p>`
    );
}

export function termsPage(config: PageConfig, language: Language, { terms: t }: LegalPagesTexts): string {
    const values = { brand: escapeHtml(config.BRAND_NAME), privacyLink: `<a href="/privacy?lang=${language}">${escapeHtml(t.privacyLinkText)}</a>` };
    return page(
        language,
        t.title,
        config.BRAND_NAME,
        `<p>${html(t.intro, values)}</p>
<ul>
${t.items.map((item) => `<li>${html(item, values)}</li>`).join('\n')}
</ul>`
    );
}

export function addLegalPages(server: Server, config: PageConfig): void {
    const routes: [string, string | undefined, typeof privacyPage][] = [
        ['/privacy', config.PRIVACY_URL, privacyPage],
        ['/terms', config.TERMS_URL, termsPage]
    ];
    for (const [path, url, render] of routes) {
        // Rendered once per language: the configuration does not change while the bot runs.
        const pages = url ? undefined : new Map(languages.map((language) => [language, render(config, language, loadLegalPagesTexts(language))]));
        server.get(path, async (req: Request, res: Response) => {
            if (!pages) {
                res.writeHead(302, { Location: url });
                res.end();
                return;
            }
            const language = pageLanguage(req);
            res.writeHead(200, {
                'Content-Type': 'text/html; charset=utf-8',
                'Content-Language': language,
                Vary: 'Accept-Language',
                'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                'X-Content-Type-Options': 'nosniff',
                'Referrer-Policy': 'no-referrer'
            });
            res.end(pages.get(language));
        });
    }
}
