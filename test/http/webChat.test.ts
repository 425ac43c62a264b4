// The Web Chat page and its token route. Azure's Direct Line cannot be reached from here: its
// token endpoint is played by a small HTTP server in this test, which checks what the real one
// would get (the secret as a Bearer token, the user id in the body).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createHttpServer } from '../../bot/server';
import type { RunningBot } from '../../bot/startBot';
import { addWebChatRoutes, webChatBundlePath } from '../../bot/webchat/webChatRoutes';
import { startTestBot } from './botServer';

describe('HTTP: the Web Chat page', function () {
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot({ BRAND_NAME: 'Acme & Co Help', BRAND_COLOR: '#0a7d5a', BOT_AVATAR_INITIALS: 'AC' });
    });
    after(async () => bot?.stop());

    it('serves a branded page that loads Web Chat from this server, with a nonce-based CSP', async () => {
        const res = await fetch(`${bot.url}/`);
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.match(/^text\/html/);
        const html = await res.text();
        expect(html).to.contain('<title>Acme &#38; Co Help</title>');
        expect(html).to.contain('"accent":"#0a7d5a"').and.contain('"bubbleFromUserBackground":"#0a7d5a"').and.contain('"botAvatarInitials":"AC"');
        expect(html).to.match(/<script src="\/webchat\/webchat\.js\?v=4\.18\.\d+"/);
        expect(html).to.contain("webSocket = false").and.contain("/v3/directline");
        expect(html).not.to.match(/https?:\/\/(cdn|unpkg|jsdelivr)/);
        const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
        expect(nonce).to.be.a('string');
        expect(html.match(/<script[^>]*nonce="([^"]+)"/g)?.every((tag) => tag.includes(`nonce="${nonce}"`))).to.equal(true);
    });

    const page = async (path: string, acceptLanguage?: string) => {
        const res = await fetch(`${bot.url}${path}`, { headers: acceptLanguage === undefined ? {} : { 'Accept-Language': acceptLanguage } });
        expect(res.status).to.equal(200);
        const html = await res.text();
        const config = JSON.parse(/<script type="application\/json" id="webchat-config">(.*?)<\/script>/s.exec(html)![1]!) as { locale: string; texts: Record<string, unknown> };
        return { res, html, config, lang: /<html lang="([^"]*)">/.exec(html)?.[1] };
    };

    it('is English by default: lang="en", English texts, Web Chat in en-US, varying by Accept-Language', async () => {
        const { res, html, config, lang } = await page('/');
        expect(lang).to.equal('en');
        expect(config.locale).to.equal('en-US');
        expect(html).to.contain('>New conversation</button>').and.contain('Never type your security code here').and.contain('aria-label="Acme &#38; Co Help chat"');
        expect(res.headers.get('vary')).to.match(/Accept-Language/i);
        expect(res.headers.get('content-language')).to.equal('en');
    });

    it('is German for a browser that prefers German: lang="de", German texts, Web Chat in de-DE', async () => {
        for (const header of ['de-DE,de;q=0.9,en;q=0.8', 'de-AT', 'fr, de-CH;q=0.8, en;q=0.5']) {
            const { res, html, config, lang } = await page('/', header);
            expect(lang, header).to.equal('de');
            expect(config.locale, header).to.equal('de-DE');
            expect(html, header).to.contain('>Neues Gespräch</button>').and.contain('Geben Sie Ihren Sicherheitscode hier niemals ein').and.contain('aria-label="Acme &#38; Co Help Chat"');
            expect(html).to.not.contain('New conversation');
            expect(config.texts.statusAgent).to.equal('Support-Desk · angemeldet als {agent}');
            expect(res.headers.get('content-language')).to.equal('de');
        }
    });

    it('takes ?lang=de or ?lang=en over the header, and ignores any other ?lang=', async () => {
        expect((await page('/?lang=de', 'en-US')).lang).to.equal('de');
        expect((await page('/?lang=en', 'de-DE')).lang).to.equal('en');
        expect((await page('/?lang=fr', 'de-DE')).lang).to.equal('de');
        expect((await page('/?lang=%3Cscript%3E')).lang).to.equal('en');
        expect((await page('/?lang=de&lang=en', 'de')).lang, 'given twice: the header decides').to.equal('de');
    });

    it('serves the English page for a malformed or huge Accept-Language, writing nothing of it into the page', async () => {
        for (const header of ['"><script>alert(1)</script>', 'de;q=2', `${'x'.repeat(8_000)}`, ';;;,,,=q', `${'zz-ZZ;q=0.5, '.repeat(500)}de`]) {
            const { html, lang, config } = await page('/', header);
            expect(lang, header.slice(0, 40)).to.equal('en');
            expect(config.locale).to.equal('en-US');
            expect(html).to.not.contain('alert(1)').and.not.contain('zz-ZZ');
        }
    });

    it('serves botframework-webchat\'s own browser bundle from node_modules, compressed when asked', async () => {
        const { version } = webChatBundlePath();
        expect(version).to.match(/^4\.18\./);
        const res = await fetch(`${bot.url}/webchat/webchat.js?v=${version}`);
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.match(/javascript/);
        expect(res.headers.get('content-encoding')).to.equal('gzip'); // fetch asks for gzip and unpacks it
        const script = await res.text();
        expect(script.length).to.be.greaterThan(3_000_000);
        expect(script).to.contain('renderWebChat').and.contain('createDirectLine');
    });
});

describe('HTTP: Web Chat tokens from Azure Direct Line (DIRECT_LINE_SECRET)', function () {
    let azure: Server;
    let azureUrl: string;
    let seen: { authorization?: string; body: unknown }[];
    let answer: { status: number; body: unknown };
    let site: ReturnType<typeof createHttpServer>;
    let siteUrl: string;

    before(async () => {
        azure = createServer((req: IncomingMessage, res) => {
            let body = '';
            req.on('data', (c: Buffer) => (body += c.toString()));
            req.on('end', () => {
                seen.push({ authorization: req.headers.authorization, body: JSON.parse(body || '{}') });
                res.writeHead(answer.status, { 'Content-Type': 'application/json' });
                res.end(JSON.stringify(answer.body));
            });
        });
        await new Promise<void>((r) => azure.listen(0, '127.0.0.1', r));
        azureUrl = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline/tokens/generate`;

        const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', DIRECT_LINE_SECRET: 'the-secret-from-azure' });
        site = createHttpServer(config);
        addWebChatRoutes(site, { config, log: createLogger(config), tokenUrl: azureUrl });
        await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
        siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    });
    beforeEach(() => {
        seen = [];
    });
    after(() => {
        azure?.close();
        site?.close();
    });

    const askForToken = () => fetch(`${siteUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: 'dl_abcdef0123456789' }) });

    it('exchanges the secret for a token; the browser gets the token, never the secret', async () => {
        answer = { status: 200, body: { conversationId: 'azure-conv-1', token: 'azure.jwt.token', expires_in: 3600 } };
        const res = await askForToken();
        const text = await res.text();
        expect(res.status).to.equal(200);
        // The user id is the server's choice (issue 13), not the one the request named.
        const { userId, ...rest } = JSON.parse(text) as { userId: string };
        expect(userId).to.match(/^dl_[0-9a-f]{32}$/);
        expect(rest).to.deep.equal({ mode: 'azure', conversationId: 'azure-conv-1', token: 'azure.jwt.token', expires_in: 3600 });
        expect(text).not.to.contain('the-secret-from-azure');
        expect(seen).to.deep.equal([{ authorization: 'Bearer the-secret-from-azure', body: { user: { id: userId } } }]);
    });

    it('answers 502 with a plain message when Azure refuses', async () => {
        answer = { status: 403, body: { error: { code: 'BadArgument', message: 'secret is invalid' } } };
        const res = await askForToken();
        expect(res.status).to.equal(502);
        const body = (await res.json()) as { code: string; message: string };
        expect(body.code).to.equal('DirectLineUnavailable');
        expect(JSON.stringify(body)).not.to.contain('the-secret-from-azure');
    });
});
