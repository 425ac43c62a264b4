// GET /privacy and GET /terms over HTTP on the real server: the pages the Teams manifest links to
// by default, true to the configuration (retention days, store, telemetry), or a redirect to the
// operator's own notices when PRIVACY_URL and TERMS_URL are set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from './botServer';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('HTTP: privacy and terms pages', function () {
    this.timeout(60_000);
    let bot: RunningBot | undefined;

    afterEach(async () => {
        await bot?.stop();
        bot = undefined;
    });

    it('serves a privacy page stating the retention, the redaction and how to have data deleted', async () => {
        bot = await startTestBot({ TRANSCRIPT_RETENTION_DAYS: '14', BRAND_NAME: 'Help & Co' });
        const res = await fetch(`${bot.url}/privacy`);
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
        expect(res.headers.get('content-security-policy')).to.contain("default-src 'none'");
        const page = text(await res.text());
        expect(page).to.contain('kept for 14 days and then deleted');
        expect(page).to.contain('removed from your message before anything is stored or logged');
        expect(page).to.contain('npm run data:delete');
        expect(page).to.contain('Help &#38; Co');
        expect(page).to.contain('memory only (lost when it restarts)');
        // Application Insights is mentioned only when it is on.
        expect(page).to.not.contain('Application Insights');
    });

    it('serves the terms page, linking the privacy page', async () => {
        bot = await startTestBot();
        const res = await fetch(`${bot.url}/terms`);
        expect(res.status).to.equal(200);
        const html = await res.text();
        expect(text(html)).to.contain('Never send your security code');
        expect(html).to.contain('<html lang="en">').and.contain('<a href="/privacy?lang=en">privacy page</a>');
    });

    it('serves both pages in German to a browser that prefers German, or with ?lang=de', async () => {
        bot = await startTestBot({ TRANSCRIPT_RETENTION_DAYS: '14', STORAGE: 'file', DATA_DIR: mkdtempSync(join(tmpdir(), 'legal-pages-')) });
        const privacy = await fetch(`${bot.url}/privacy`, { headers: { 'Accept-Language': 'de-CH, en;q=0.5' } });
        expect(privacy.headers.get('vary')).to.match(/Accept-Language/i);
        const privacyHtml = await privacy.text();
        expect(privacyHtml).to.contain('<html lang="de">').and.contain('<h1>Datenschutz</h1>');
        expect(text(privacyHtml)).to.contain('14 Tage lang aufbewahrt und dann gelöscht').and.contain('Alles wird in einer Datenbank und in Dateien auf dem eigenen Server des Bots gespeichert');
        expect(text(privacyHtml)).to.contain('npm run data:delete').and.not.match(/\{\w+\}/);
        const terms = await (await fetch(`${bot.url}/terms?lang=de`)).text();
        expect(terms).to.contain('<html lang="de">').and.contain('<h1>Nutzungsbedingungen</h1>').and.contain('<a href="/privacy?lang=de">Datenschutzseite</a>');
        const english = await (await fetch(`${bot.url}/terms?lang=en`, { headers: { 'Accept-Language': 'de' } })).text();
        expect(english).to.contain('<html lang="en">').and.contain('<h1>Terms of use</h1>');
        const hostile = await (await fetch(`${bot.url}/privacy?lang=xx`, { headers: { 'Accept-Language': '"><h1>x, ;q=;' } })).text();
        expect(hostile).to.contain('<html lang="en">').and.not.contain('"><h1>x');
    });

    it('redirects to PRIVACY_URL and TERMS_URL when they are set', async () => {
        bot = await startTestBot({ PRIVACY_URL: 'https://www.example.com/privacy', TERMS_URL: 'https://www.example.com/terms' });
        for (const [path, target] of [['/privacy', 'https://www.example.com/privacy'], ['/terms', 'https://www.example.com/terms']] as const) {
            const res = await fetch(`${bot.url}${path}`, { redirect: 'manual' });
            expect([res.status, res.headers.get('location')]).to.deep.equal([302, target]);
        }
    });

    it('refuses a privacy or terms URL that is not https, naming the setting', async () => {
        const error = await startTestBot({ PRIVACY_URL: 'http://www.example.com/privacy' }).then(
            (b) => {
                bot = b;
                return '';
            },
            (err: Error) => err.message
        );
        expect(error).to.contain('PRIVACY_URL: must be an https URL');
    });
});
