// Attack suite, issue 13: no outbound requests to client-chosen URLs, customer text escaped in
// agent cards, a page that cannot be framed.
//
// "Somewhere else" is a capture server on 127.0.0.1: a tiny node:http server that records every
// request. The bot runs for real (startBot on a free port) in production with
// ALLOW_UNAUTHENTICATED=true, where loopback is not a channel, and each request names the capture
// server as its serviceUrl with normal delivery (replies are POSTed, not returned in the body).
// Nothing here sends to another machine: hosts such as smba.trafficmanager.net are only judged by
// the matcher (test/security/serviceUrlAllowList.test.ts), never contacted.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import { expect } from 'chai';
import { chromium } from 'playwright-core';
import { loadConfig } from '../../../bot/config';
import { caseCard, messagesCard, queueCard } from '../../../bot/handoff/agentCards';
import type { CaseSummary } from '../../../dialogs/caseSummary';
import { summaryLine } from '../../../dialogs/caseSummary';
import { serviceUrlGuardFor } from '../../../bot/security/serviceUrlGuard';
import { startTestBot } from '../../http/botServer';
import { captureLog, knowledge, post, repliesOf, startSecuredBot, type SecuredBot } from '../securedBot';

interface Captured {
    method: string;
    path: string;
    body: string;
}

interface CaptureServer {
    /** http://127.0.0.1:PORT */
    origin: string;
    port: number;
    requests: Captured[];
    close(): Promise<void>;
}

/** Records every request; answers like a channel service would ({ id }), so a bot that does send carries on. */
async function startCaptureServer(): Promise<CaptureServer> {
    const requests: Captured[] = [];
    const server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
            requests.push({ method: req.method ?? '', path: req.url ?? '', body });
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id: `captured-${requests.length}` }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        origin: `http://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
            new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            })
    };
}

const unauthenticatedProduction = { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true' };

/** A message with normal delivery: the bot POSTs its replies to serviceUrl. */
function message(serviceUrl: string, text: string, conversationId = `outbound-${randomUUID()}`): Record<string, unknown> {
    return {
        type: 'message',
        id: randomUUID(),
        channelId: 'emulator',
        serviceUrl,
        conversation: { id: conversationId },
        from: { id: `person-${conversationId}`, name: 'Person' },
        recipient: { id: 'bot', name: 'Bot' },
        text
    };
}

/** Sends that are still on their way when the HTTP answer comes (there should be none) get this long. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('Attacks: outbound requests to client-chosen URLs', function () {
    this.timeout(30_000);
    let capture: CaptureServer;
    let bot: SecuredBot | undefined;

    beforeEach(async () => {
        capture = await startCaptureServer();
    });

    afterEach(async () => {
        await bot?.stop();
        bot = undefined;
        await capture.close();
    });

    it('unauthenticated production: replies to a serviceUrl off the allow-list are not sent, and the log names only the host', async () => {
        const { log, records, lines } = captureLog('debug');
        bot = await startSecuredBot(unauthenticatedProduction, log);
        const text = 'my security code is not accepted';
        const reply = await post(bot.url, message(`${capture.origin}/collect/`, text));
        await settle();

        expect(reply.status, reply.text).to.be.within(200, 299);
        expect(capture.requests, 'requests that reached the capture server').to.deep.equal([]);
        const dropped = records().filter((r) => r.level === 40 && /dropped/.test(String(r.msg)));
        expect(dropped, lines.join('\n')).to.have.length.greaterThan(0);
        expect(dropped[0]).to.include({ host: '127.0.0.1', operation: 'send' });
        for (const line of lines.filter((l) => /dropped/.test(l))) {
            expect(line, 'a drop line holds no URL').not.to.include(`:${capture.port}`);
            expect(line).not.to.include('/collect');
            expect(line, 'a drop line holds no message text').not.to.include(text);
        }
    });

    it('unauthenticated production: loopback spelled another way, or with a user name, is refused even when the canonical origin is allowed', async () => {
        const { log, records } = captureLog('warn');
        bot = await startSecuredBot({ ...unauthenticatedProduction, SERVICE_URL_ALLOWLIST: capture.origin }, log);
        const tricks = [
            `http://127.1:${capture.port}/`,
            `http://0x7f000001:${capture.port}/`,
            `http://2130706433:${capture.port}/`,
            `http://user@127.0.0.1:${capture.port}/`,
            `http://127.0.0.1:${capture.port}@127.0.0.1:${capture.port}/`
        ];
        for (const serviceUrl of tricks) {
            const reply = await post(bot.url, message(serviceUrl, 'hello'));
            expect(reply.status, `${serviceUrl}: ${reply.text}`).to.be.within(200, 299);
        }
        await settle();
        expect(capture.requests.map((r) => `${r.method} ${r.path}`), 'requests that reached the capture server').to.deep.equal([]);
        const droppedIn = new Set(records().filter((r) => /dropped/.test(String(r.msg))).map((r) => r.conversationId));
        expect(droppedIn.size, 'conversations whose replies were dropped, with a log line').to.equal(tricks.length);
    });

    it('an allow-listed serviceUrl (SERVICE_URL_ALLOWLIST) still receives the replies', async () => {
        bot = await startSecuredBot({ ...unauthenticatedProduction, SERVICE_URL_ALLOWLIST: `https://channel.example.com, ${capture.origin}` });
        const conversationId = `allowed-${randomUUID()}`;
        const reply = await post(bot.url, message(`${capture.origin}/`, 'my security code is not accepted', conversationId));
        await settle();

        expect(reply.status, reply.text).to.be.within(200, 299);
        const posted = capture.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`));
        expect(posted, 'replies posted to the allowed serviceUrl').to.have.length.greaterThan(0);
        expect(posted.map((r) => (JSON.parse(r.body) as { type: string }).type)).to.include('message');
    });

    it('deliveryMode expectReplies is unaffected: the replies come back in the body and nothing is sent', async () => {
        bot = await startSecuredBot(unauthenticatedProduction);
        const reply = await post(bot.url, { ...message(`${capture.origin}/`, 'my security code is not accepted'), deliveryMode: 'expectReplies' });
        await settle();

        expect(reply.status, reply.text).to.equal(200);
        expect(repliesOf(reply).filter((a) => a.type === 'message')).to.have.length.greaterThan(0);
        expect(capture.requests).to.deep.equal([]);
    });

    it('development: the Emulator on loopback still receives the replies', async () => {
        bot = await startSecuredBot({ NODE_ENV: 'development' });
        const reply = await post(bot.url, message(`${capture.origin}/`, 'hello'));
        await settle();

        expect(reply.status, reply.text).to.be.within(200, 299);
        expect(capture.requests.filter((r) => r.method === 'POST'), 'replies posted to the Emulator').to.have.length.greaterThan(0);
    });

    it("unauthenticated production with the built-in Direct Line: its own replies still reach the page (its address is on the list, loopback is not)", async () => {
        bot = await startSecuredBot({ ...unauthenticatedProduction, LOCAL_DIRECT_LINE: 'true' });
        const issued = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(issued.status).to.equal(200);
        const { token } = (await issued.json()) as { token: string };
        const started = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        expect(started.status).to.equal(201);
        const { conversationId } = (await started.json()) as { conversationId: string };
        let activities: { type: string; text?: string }[] = [];
        for (let i = 0; i < 50 && !activities.some((a) => a.type === 'message'); i++) {
            const list = await fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
            activities = ((await list.json()) as { activities: typeof activities }).activities;
            if (!activities.length) await new Promise((r) => setTimeout(r, 50));
        }
        expect(activities.map((a) => a.text)).to.include(knowledge().replies.welcome);
    });

    describe('proactive turns (continueConversationAsync, as the agent desk sends), on the real CloudAdapter', () => {
        // A bare CloudAdapter with the same guard startBot installs: the desk's stored reference is
        // exactly such a { serviceUrl, conversation } pair, and it may have come from an attacker.
        async function adapterWithGuard(env: Record<string, string>) {
            const { log, records } = captureLog('warn');
            const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
            adapter.use(serviceUrlGuardFor(loadConfig({ LOG_LEVEL: 'silent', ...env }), log, () => undefined));
            return { adapter, records };
        }
        const reference = (serviceUrl: string): Partial<ConversationReference> => ({
            serviceUrl,
            channelId: 'emulator',
            conversation: { id: `proactive-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '' },
            bot: { id: 'bot', name: 'Bot' },
            user: { id: 'agent-1', name: 'Agent' }
        });

        it('a send, an update and a delete to a stored serviceUrl off the list reach nothing, and the sender gets an empty id', async () => {
            const { adapter, records } = await adapterWithGuard(unauthenticatedProduction);
            let sent: unknown;
            await adapter.continueConversationAsync('', reference(`${capture.origin}/`), async (context) => {
                sent = await context.sendActivity('A new customer is waiting: [open case](https://evil.example)');
                await context.updateActivity({ id: 'activity-1', type: 'message', text: 'changed' });
                await context.deleteActivity('activity-1');
            });
            await settle();

            expect(capture.requests).to.deep.equal([]);
            expect(sent).to.deep.equal({ id: '' });
            expect(records().map((r) => r.operation)).to.deep.equal(['send', 'update', 'delete']);
        });

        it('the same calls to an allow-listed serviceUrl go out', async () => {
            const { adapter } = await adapterWithGuard({ ...unauthenticatedProduction, SERVICE_URL_ALLOWLIST: capture.origin });
            await adapter.continueConversationAsync('', reference(`${capture.origin}/`), async (context) => {
                await context.sendActivity('A new customer is waiting.');
                await context.updateActivity({ id: 'activity-1', type: 'message', text: 'changed' });
                await context.deleteActivity('activity-1');
            });
            expect(capture.requests.map((r) => r.method)).to.deep.equal(['POST', 'PUT', 'DELETE']);
        });
    });
});

describe('Attacks: customer text in the agent cards', () => {
    const { replies } = knowledge();
    const hostile = '[click](https://evil.example) **urgent** _now_\n# Heading\n- item\n1. first\n<a href="https://evil.example">here</a> <img src=x onerror=alert(1)>';
    const summary: CaseSummary = {
        caseId: 'case-1',
        symptom: 'code_not_accepted',
        symptomTitle: 'Security code not accepted',
        channel: '[chan](https://evil.example)',
        openedAt: '2026-01-01T10:00:00.000Z',
        reason: 'asked',
        answers: [],
        steps: [],
        confidence: [{ intent: 'code_not_accepted', score: 0.9 }],
        firstMessage: hostile,
        messages: [hostile, 'second [link](http://evil.example/2)']
    };

    /** Every string an Adaptive Card renderer reads as markdown: TextBlock texts, fact titles and values. */
    function markdownFields(node: unknown, out: string[] = []): string[] {
        if (Array.isArray(node)) node.forEach((n) => markdownFields(n, out));
        else if (node && typeof node === 'object') {
            const element = node as Record<string, unknown>;
            if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
            if (element.type === 'FactSet') for (const fact of element.facts as { title: string; value: string }[]) out.push(fact.title, fact.value);
            for (const [key, value] of Object.entries(element)) if (key !== 'facts') markdownFields(value, out);
        }
        return out;
    }

    /** Every TextRun's text: shown as written, never read as markdown (Adaptive Cards schema, TextRun.text). */
    function textRuns(node: unknown, out: string[] = []): string[] {
        if (Array.isArray(node)) node.forEach((n) => textRuns(n, out));
        else if (node && typeof node === 'object') {
            const element = node as Record<string, unknown>;
            if (element.type === 'TextRun' && typeof element.text === 'string') out.push(element.text);
            Object.values(element).forEach((v) => textRuns(v, out));
        }
        return out;
    }

    const cards = () => ({
        'case card (accepted, titled by the summary line)': caseCard(replies, summaryLine(replies.handoff.agentCard, summary), summary).content,
        'queue card': queueCard(replies, [{ caseId: summary.caseId, summary, since: '2026-01-01T10:00:00.000Z', state: 'waiting' } as never], new Date('2026-01-01T10:05:00.000Z'))
            .content,
        'messages card': messagesCard(
            replies,
            [
                {
                    caseId: summary.caseId,
                    summary,
                    message: hostile,
                    at: '2026-01-01T10:00:00.000Z',
                    more: [{ text: hostile, at: '2026-01-01T10:01:00.000Z' }],
                    answers: [{ agent: hostile, text: hostile, at: '2026-01-01T10:02:00.000Z', delivered: false }]
                } as never
            ],
            replies.handoff.agentMessagesHeading
        ).content
    });

    it('a case card built from a summary whose first message is a markdown link shows no link: markdown fields hold none of it', () => {
        for (const [name, content] of Object.entries(cards())) {
            for (const field of markdownFields(content)) {
                expect(field, `${name}: a field read as markdown`).not.to.match(/\]\(|evil\.example|\*\*urgent|_now_|# Heading|- item|1\. first|<a |<img/);
            }
        }
    });

    it('the customer still reads as written, in TextRuns, and the case card keeps its facts', () => {
        const { 'case card (accepted, titled by the summary line)': card } = cards();
        const runs = textRuns(card);
        expect(runs.some((t) => t.includes(hostile)), 'the first message, verbatim').to.equal(true);
        expect(runs.some((t) => t.includes('second [link](http://evil.example/2)'))).to.equal(true);
        const fields = markdownFields(card);
        expect(fields).to.include.members([replies.handoff.agentCard.problem, 'Security code not accepted', replies.handoff.agentCard.whatTheyWrote]);
        expect(textRuns(cards()['messages card']).some((t) => t.includes(hostile))).to.equal(true);
    });
});

describe('Attacks: customer text in an agent card, rendered by Web Chat in Chromium', function () {
    this.timeout(60_000);
    const chromiumPath = '/usr/bin/chromium';
    const { replies } = knowledge();
    const hostile = '[click](https://evil.example) **urgent** _now_\n# Heading\n- item';

    before(function () {
        if (!existsSync(chromiumPath)) {
            console.log(`    PENDING: ${chromiumPath} is missing, so the card cannot be rendered. Install Debian's Chromium with: apt-get install -y chromium`);
            this.skip();
        }
    });

    it('the case card shows the markdown link as the characters typed: no link, no bold, no heading, no list', async () => {
        const summary: CaseSummary = {
            caseId: 'case-2',
            symptom: null,
            symptomTitle: 'Not identified',
            channel: 'webchat',
            openedAt: '2026-01-01T10:00:00.000Z',
            reason: 'asked',
            answers: [],
            steps: [],
            confidence: [],
            firstMessage: hostile,
            messages: [hostile]
        };
        const card = caseCard(replies, summaryLine(replies.handoff.agentCard, summary), summary);
        // The real server serves Web Chat's own bundle; the page gets the card from a stand-in for
        // the Direct Line connection (an object with activity$, connectionStatus$ and postActivity)
        // that delivers this one activity, as an agent's Web Chat would receive it.
        const bot = await startTestBot();
        const profile = mkdtempSync(join(tmpdir(), 'support-bot-chromium-'));
        const browser = await chromium.launchPersistentContext(profile, {
            executablePath: chromiumPath,
            headless: true,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
        });
        try {
            const page = browser.pages()[0] ?? (await browser.newPage());
            await page.setContent('<!doctype html><html><body><div id="webchat" style="height:900px"></div></body></html>');
            await page.addScriptTag({ url: `${bot.url}/webchat/webchat.js` });
            // A string, not a function: tsx would add helpers the page does not have.
            await page.evaluate(`(() => {
                const observable = (emit) => ({
                    subscribe(observer) {
                        const next = typeof observer === 'function' ? observer : observer.next.bind(observer);
                        setTimeout(() => emit(next), 0);
                        return { unsubscribe() {}, closed: false };
                    }
                });
                const activity = { type: 'message', id: 'card-1', timestamp: new Date().toISOString(), from: { id: 'bot', role: 'bot' }, attachments: [${JSON.stringify(card)}] };
                const directLine = {
                    activity$: observable((next) => next(activity)),
                    connectionStatus$: observable((next) => { next(0); next(1); next(2); }),
                    postActivity: () => observable((next) => next('posted')),
                    end() {}
                };
                window.WebChat.renderWebChat({ directLine, userID: 'agent' }, document.getElementById('webchat'));
            })()`);
            const rendered = page.locator('.ac-adaptiveCard').first();
            await rendered.waitFor({ timeout: 15_000 });
            expect(await rendered.locator('a').count(), 'links in the card').to.equal(0);
            expect(await rendered.locator('strong, b, em, i, h1, h2, h3, ul, ol, li').count(), 'markdown formatting in the card').to.equal(0);
            const text = await rendered.innerText();
            expect(text).to.include('[click](https://evil.example) **urgent** _now_');
            expect(text).to.include('# Heading');
            expect(text).to.include(replies.handoff.agentCard.problem);
        } finally {
            await browser.close();
            rmSync(profile, { recursive: true, force: true });
            await bot.stop(2000);
        }
    });
});

describe('Attacks: framing the Web Chat page', () => {
    it('the page forbids framing: CSP frame-ancestors none and X-Frame-Options DENY', async () => {
        const bot = await startTestBot();
        try {
            const page = await fetch(`${bot.url}/`);
            expect(page.status).to.equal(200);
            const csp = page.headers.get('content-security-policy') ?? '';
            expect(csp.split(';').map((d) => d.trim())).to.include("frame-ancestors 'none'");
            expect(page.headers.get('x-frame-options')).to.equal('DENY');
        } finally {
            await bot.stop(2000);
        }
    });
});
