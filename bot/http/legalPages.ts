// GET /privacy and GET /terms: the pages the Teams manifest links to when PRIVACY_URL and TERMS_URL
// are unset. They describe what this code does (redaction, stores, retention, data:delete), with
// the configured retention filled in; an operator with their own notices sets the two URLs, and
// these paths then redirect there.
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config';
import { escapeHtml } from './escapeHtml';

type PageConfig = Pick<Config, 'BRAND_NAME' | 'STORAGE' | 'TRANSCRIPT_RETENTION_DAYS' | 'PRIVACY_URL' | 'TERMS_URL' | 'APPLICATIONINSIGHTS_CONNECTION_STRING'>;

const where: Record<Config['STORAGE'], string> = {
    file: 'a database and files on the bot\'s own server',
    memory: 'the bot\'s memory only (lost when it restarts)',
    blobs: 'the operator\'s Azure Blob Storage account',
    cosmos: 'the operator\'s Azure Cosmos DB account (conversation state and case records) and Azure Blob Storage account (conversations)'
};

function page(title: string, brand: string, body: string): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: ${escapeHtml(brand)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

export function privacyPage(config: PageConfig): string {
    const brand = escapeHtml(config.BRAND_NAME);
    const days = config.TRANSCRIPT_RETENTION_DAYS;
    const telemetry = config.APPLICATIONINSIGHTS_CONNECTION_STRING
        ? '<li>Technical records of requests (which address of the bot was called, how long it took, the result) and counters go to Azure Application Insights. They hold no message text.</li>'
        : '';
    return page(
        'Privacy',
        config.BRAND_NAME,
        `<p>${brand} is a support assistant for BMW Connected security-code problems. This is what it keeps of a conversation with it.</p>
<h2>Security codes</h2>
<p>The assistant never asks for your security code. If you type one anyway, it is removed from your message before anything is stored or logged, and the assistant tells you so.</p>
<h2>What is stored</h2>
<ul>
<li>The conversation (your messages with security codes removed, and the replies), kept for ${days} days and then deleted.</li>
<li>Where you are in the conversation and the answers you gave (such as which problem you have), so the assistant can continue it.</li>
<li>A record of each case: the problem, the steps suggested and whether they helped, your rating and any comment you give, and messages the assistant did not understand. These records are used to improve the help and are kept until deleted.</li>
<li>If you ask for a person: your place in the queue, and any message you leave for the support team (deleted after ${days} days).</li>
${telemetry}
</ul>
<p>Everything is kept in ${escapeHtml(where[config.STORAGE])}, which only the operator of this assistant can read.</p>
<h2>Deleting your data</h2>
<p>Ask the ${brand} support team to delete your data, saying which channel you used (Microsoft Teams or the web chat) and roughly when. They delete your conversations, the state of your conversations, your case records and anything the support desk holds of you with the assistant's deletion command (<code>npm run data:delete</code>), which lists what it removed.</p>`
    );
}

export function termsPage(config: PageConfig): string {
    const brand = escapeHtml(config.BRAND_NAME);
    return page(
        'Terms of use',
        config.BRAND_NAME,
        `<p>${brand} is an automated assistant. It suggests steps for BMW Connected security-code problems and can pass you to a person from the support team.</p>
<ul>
<li>The steps are general advice. Follow them only where they fit your car and app, and ask for a person when unsure.</li>
<li>Never send your security code, passwords or other secrets: the assistant does not need them, and removes security codes it recognises.</li>
<li>Do not use the assistant to send abusive content or to overload it; it limits how many messages it accepts.</li>
<li>How your messages are handled is described on the <a href="/privacy">privacy page</a>.</li>
</ul>`
    );
}

export function addLegalPages(server: Server, config: PageConfig): void {
    const routes: [string, string | undefined, (c: PageConfig) => string][] = [
        ['/privacy', config.PRIVACY_URL, privacyPage],
        ['/terms', config.TERMS_URL, termsPage]
    ];
    for (const [path, url, render] of routes) {
        // Rendered once: the configuration does not change while the bot runs.
        const html = url ? undefined : render(config);
        server.get(path, async (_req: Request, res: Response) => {
            if (!html) {
                res.writeHead(302, { Location: url });
                res.end();
                return;
            }
            res.writeHead(200, {
                'Content-Type': 'text/html; charset=utf-8',
                'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                'X-Content-Type-Options': 'nosniff',
                'Referrer-Policy': 'no-referrer'
            });
            res.end(html);
        });
    }
}
