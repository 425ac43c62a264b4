// Issue 13, "limits that hold" and "metrics with bounded labels": each case is an attack the
// red-team review made against the running bot, made again against the real server over real
// HTTP, and each failed (the attack worked) on 9bc0b84. Loops are bounded; limits are set low
// so the attacks are small.
import { request } from 'node:http';
import { expect } from 'chai';
import pino from 'pino';
import { addressKey } from '../../../bot/security/clientAddress';
import { MessageRateLimiter } from '../../../bot/security/rateLimiter';
import { startTestBot } from '../../http/botServer';
import type { RunningBot } from '../../../bot/startBot';
import { activity, startSecuredBot, type SecuredBot } from '../securedBot';

interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    json: Record<string, unknown> & { error?: { code: string; message: string }; code?: string; message?: string };
}

/**
 * One HTTP request with the path exactly as given: fetch() would normalise "/api/./messages" and
 * the like before sending, which is not what an attacker's client does.
 */
function send(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const { hostname, port } = new URL(url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
        const req = request(
            {
                host: hostname,
                port,
                method,
                path,
                headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers }
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString('utf8');
                    let json: Answer['json'] = {};
                    try {
                        json = JSON.parse(text) as Answer['json'];
                    } catch {
                        // not JSON: left empty, the assertions say what was expected
                    }
                    resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
                });
            }
        );
        req.on('error', reject);
        req.end(payload);
    });
}

/** The spellings restify routes to POST /api/messages (each had a budget of its own on 9bc0b84). */
const routedSpellings = ['/api/messages', '/api/%6dessages', '/%61pi/messages', '/api/messages;x', '/api/messages;'];
/** Spellings restify does not route to the handler at all: 404, so no bypass either. */
const unroutedSpellings = ['//api/messages', '/api/messages/', '/API/messages', '/api/./messages', '/api//messages'];

describe('attack: rate limits side-stepped by spelling the path differently', function () {
    this.timeout(60_000);
    let bot: SecuredBot;
    before(async () => {
        bot = await startSecuredBot({ RATE_LIMIT_PER_CONVERSATION: '5', RATE_LIMIT_PER_ADDRESS: '12', RATE_LIMIT_WINDOW_SECONDS: '60' });
    });
    after(() => bot?.stop());

    it('every spelling of /api/messages shares one conversation budget', async () => {
        const statuses: Record<string, number[]> = {};
        for (let round = 0; round < 2; round++) {
            for (const path of routedSpellings) (statuses[path] ??= []).push((await send(bot.url, 'POST', path, activity('one-conversation', 'hi'))).status);
        }
        const all = Object.values(statuses).flat();
        expect(all.filter((s) => s === 200), JSON.stringify(statuses)).to.have.length(5);
        expect(all.filter((s) => s === 429), JSON.stringify(statuses)).to.have.length(5);
        // Once the budget is spent, no spelling gets through.
        for (const path of routedSpellings) expect((await send(bot.url, 'POST', path, activity('one-conversation', 'again'))).status, path).to.equal(429);
    });

    it('every spelling shares one address budget, and the spellings restify does not route get 404', async () => {
        // 15 requests used above; the address budget is 12.
        for (const path of routedSpellings) {
            const answer = await send(bot.url, 'POST', path, activity(`fresh-${path}`, 'hi'));
            expect(answer.status, path).to.equal(429);
            expect(answer.json).to.include({ code: 'TooManyRequests' });
            expect(answer.json.message).to.match(/this address/);
        }
        for (const path of unroutedSpellings) expect((await send(bot.url, 'POST', path, activity(`unrouted-${path}`, 'hi'))).status, path).to.equal(404);
    });
});

describe('attack: an IPv6 host sends from many addresses of its /64', () => {
    it('the limiter keys IPv6 peers by /64 by default (IPv4 and IPv4-mapped per address)', () => {
        const limiter = new MessageRateLimiter({ RATE_LIMIT_PER_CONVERSATION: 1000, RATE_LIMIT_PER_ADDRESS: 3, RATE_LIMIT_WINDOW_SECONDS: 60 }, pino({ level: 'silent' }));
        const res = { header() {}, status() {}, json() {} } as never;
        // A request as restify hands it over: the TCP peer is all the limiter reads.
        const from = (remoteAddress: string) => limiter.check({ socket: { remoteAddress }, body: {} } as never, res);
        const sameHost = ['2001:db8:aa:bb::1', '2001:db8:aa:bb::2', '2001:db8:aa:bb:ffff:ffff:ffff:fffe', '2001:0DB8:00AA:00BB::77'];
        expect(sameHost.map(from)).to.deep.equal([true, true, true, false]);
        // Another /64 and IPv4 peers have budgets of their own.
        expect(from('2001:db8:aa:bc::1')).to.equal(true);
        expect(['198.51.100.7', '::ffff:198.51.100.7', '198.51.100.7', '198.51.100.7'].map(from)).to.deep.equal([true, true, true, false]);
        expect(addressKey('2001:db8:aa:bb::1')).to.equal(addressKey('2001:db8:aa:bb:1:2:3:4'));
    });
});

// --- The built-in Direct Line -----------------------------------------------------------------

interface Session {
    conversationId: string;
    token: string;
}

async function openSession(url: string): Promise<Session> {
    const issued = await send(url, 'POST', '/api/directline/token', {});
    expect(issued.status, issued.text).to.equal(200);
    const started = await send(url, 'POST', '/v3/directline/conversations', undefined, { authorization: `Bearer ${issued.json.token as string}` });
    expect(started.status, started.text).to.equal(201);
    return { conversationId: started.json.conversationId as string, token: started.json.token as string };
}

const auth = (session: Session) => ({ authorization: `Bearer ${session.token}` });
const activitiesPath = (session: Session) => `/v3/directline/conversations/${session.conversationId}/activities`;

describe('attack: the built-in Direct Line without limits of its own', function () {
    this.timeout(120_000);

    describe('post floods', () => {
        let bot: RunningBot;
        before(async () => {
            bot = await startTestBot({ RATE_LIMIT_PER_CONVERSATION: '30', RATE_LIMIT_PER_ADDRESS: '1000', RATE_LIMIT_WINDOW_SECONDS: '60' });
        });
        after(() => bot?.stop());

        it('60 posts at once to one conversation: 30 pass, the rest get 429 with Retry-After and a JSON message', async () => {
            const session = await openSession(bot.url);
            const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => send(bot.url, 'POST', activitiesPath(session), { type: 'message', text: `flood ${i}` }, auth(session))));
            const statuses = answers.map((a) => a.status);
            expect(statuses.filter((s) => s === 200)).to.have.length(30);
            expect(statuses.filter((s) => s === 429)).to.have.length(30);
            const refused = answers.find((a) => a.status === 429)!;
            expect(Number(refused.headers['retry-after'])).to.be.within(1, 120);
            expect(refused.json.error).to.include({ code: 'TooManyRequests' });
            expect(refused.json.error!.message).to.match(/this conversation; try again in \d+ s/);
        });
    });

    describe('post floods from one address', () => {
        let bot: RunningBot;
        before(async () => {
            bot = await startTestBot({ RATE_LIMIT_PER_CONVERSATION: '30', RATE_LIMIT_PER_ADDRESS: '15', RATE_LIMIT_WINDOW_SECONDS: '60' });
        });
        after(() => bot?.stop());

        it('posts spread over conversations are limited per client address', async () => {
            const sessions = [await openSession(bot.url), await openSession(bot.url)];
            const statuses: number[] = [];
            for (let i = 0; i < 20; i++) {
                const session = sessions[i % 2]!;
                statuses.push((await send(bot.url, 'POST', activitiesPath(session), { type: 'message', text: `spread ${i}` }, auth(session))).status);
            }
            expect(statuses.filter((s) => s === 200)).to.have.length(15);
            const refused = await send(bot.url, 'POST', activitiesPath(sessions[0]!), { type: 'message', text: 'one more' }, auth(sessions[0]!));
            expect(refused.status).to.equal(429);
            expect(refused.json.error!.message).to.match(/this address/);
        });
    });

    describe('byte budgets', () => {
        let bot: RunningBot;
        before(async () => {
            bot = await startTestBot({ DIRECT_LINE_MAX_ACTIVITY_BYTES: '32768', DIRECT_LINE_MAX_CONVERSATION_BYTES: '131072' });
        });
        after(() => bot?.stop());

        it('refuses an activity over the per-activity budget with 413 and a JSON message, and does not store it', async () => {
            const session = await openSession(bot.url);
            const big = await send(bot.url, 'POST', activitiesPath(session), { type: 'event', name: 'bulk', value: 'x'.repeat(40_000) }, auth(session));
            expect(big.status).to.equal(413);
            expect(big.json.error).to.include({ code: 'ActivityTooLarge' });
            expect(big.json.error!.message).to.match(/at most 32 KB/);
            const list = await send(bot.url, 'GET', activitiesPath(session), undefined, auth(session));
            expect(list.text).to.not.include('x'.repeat(1000));
        });

        it('refuses posts beyond the conversation budget with 413; what is stored stays within it', async () => {
            const session = await openSession(bot.url);
            const statuses: number[] = [];
            let refused: Answer | undefined;
            for (let i = 0; i < 10 && !refused; i++) {
                const answer = await send(bot.url, 'POST', activitiesPath(session), { type: 'event', name: 'bulk', value: `${i}`.padEnd(30_000, 'y') }, auth(session));
                statuses.push(answer.status);
                if (answer.status !== 200) refused = answer;
            }
            // Half of 128 KB for the person's own activities: two of 30 KB fit, the third does not.
            expect(statuses).to.deep.equal([200, 200, 413]);
            expect(refused!.json.error).to.include({ code: 'ConversationFull' });
            expect(refused!.json.error!.message).to.match(/start a new conversation/);
            const list = await send(bot.url, 'GET', activitiesPath(session), undefined, auth(session));
            expect(list.status).to.equal(200);
            expect(Buffer.byteLength(list.text)).to.be.below(131_072);
        });
    });

    describe('a full store', () => {
        let bot: RunningBot;
        before(async () => {
            // The default of 1,000 conversations, as in the review (a smaller setting did not exist on 9bc0b84);
            // the token route's own per-address limit is raised so the flood reaches the store.
            bot = await startTestBot({ TOKEN_RATE_LIMIT_PER_ADDRESS: '2000' });
        });
        after(() => bot?.stop());

        it('1,005 token requests: the store refuses new conversations (503 with a JSON message) and the one in use still answers its next poll', async () => {
            const active = await openSession(bot.url);
            const first = await send(bot.url, 'GET', activitiesPath(active), undefined, auth(active));
            expect(first.status).to.equal(200);
            // On 9bc0b84 the 1,000th opened conversation evicted the active one (404 on its next poll).
            const statuses: number[] = [];
            let refused: Answer | undefined;
            for (let i = 0; i < 1005; i += 67) {
                const batch = await Promise.all(Array.from({ length: Math.min(67, 1005 - i) }, () => send(bot.url, 'POST', '/api/directline/token', {})));
                statuses.push(...batch.map((t) => t.status));
                refused ??= batch.find((t) => t.status !== 200);
            }
            const next = await send(bot.url, 'GET', `${activitiesPath(active)}?watermark=${first.json.watermark as string}`, undefined, auth(active));
            expect(next.status, next.text).to.equal(200);
            expect(statuses.filter((s) => s === 200)).to.have.length(999);
            expect(statuses.filter((s) => s === 503)).to.have.length(6);
            // The token route answers the store's refusal (its owner adds Retry-After when mapping it).
            expect(refused!.json).to.include({ code: 'TooManyConversations' });
            expect(refused!.json.message).to.match(/try again in \d+ s/);
        });
    });

    describe('the bot-side callbacks', () => {
        let bot: RunningBot;
        before(async () => {
            bot = await startTestBot();
        });
        after(() => bot?.stop());

        it('a local caller without the per-process secret gets 403 and injects nothing', async () => {
            const session = await openSession(bot.url);
            const forged = { type: 'message', text: 'Support here: please type your security code.', from: { id: 'support-bot', role: 'bot' } };
            const plain = await send(bot.url, 'POST', `/v3/conversations/${session.conversationId}/activities`, forged);
            expect(plain.status).to.equal(403);
            expect(plain.json.error).to.include({ code: 'Forbidden' });
            const guessed = await send(bot.url, 'POST', `/directline/callback/not-the-secret/v3/conversations/${session.conversationId}/activities`, forged);
            expect(guessed.status).to.equal(403);
            for (const method of ['PUT', 'DELETE']) {
                expect((await send(bot.url, method, `/v3/conversations/${session.conversationId}/activities/x`, forged)).status, method).to.equal(403);
            }
            const list = await send(bot.url, 'GET', activitiesPath(session), undefined, auth(session));
            expect(list.text).to.not.include('please type your security code');
            // The serviceUrl the bot is given carries a secret of enough entropy, and the callbacks work with it.
            const own = bot.webChat.ownServiceUrl()!;
            expect(own.split('/').at(-1)).to.match(/^[A-Za-z0-9_-]{40,}$/);
            const real = await send(bot.url, 'POST', `${new URL(own).pathname}/v3/conversations/${session.conversationId}/activities`, { type: 'message', text: 'from the bot' });
            expect(real.status).to.equal(200);
        });
    });
});

// --- Metrics ----------------------------------------------------------------------------------

describe('attack: /metrics', function () {
    this.timeout(180_000);

    it('unique activity types leave /metrics small and carry no client string', async () => {
        const bot = await startTestBot({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000' });
        try {
            const sizeOf = async () => (await (await fetch(`${bot.url}/metrics`)).text()).length;
            const probe = async (i: number) => send(bot.url, 'POST', '/api/messages', activity(`metrics-${i % 50}`, undefined, { type: `evil-${i}-alice@example.com` }));
            await probe(-1); // the `other` series exist from here on
            const before = await sizeOf();
            // 500 keep the suite quick and are already 600 KB more on 9bc0b84; ATTACK_UNIQUE_TYPES=20000 repeats the review's figure.
            const count = Number(process.env.ATTACK_UNIQUE_TYPES ?? 500);
            for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => probe(i + j)));
            const body = await (await fetch(`${bot.url}/metrics`)).text();
            // Counter values grow by a few digits; 20,000 types once added 98 MB.
            expect(body.length - before).to.be.below(2000);
            expect(body).to.not.include('example.com');
            expect(body).to.not.include('evil-');
            expect(body).to.match(/bot_turns_total\{type="other"\} \d+/);
        } finally {
            await bot.stop();
        }
    });

    describe('in production', () => {
        const production = { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true' };
        const token = 'c0ffee'.repeat(8);

        it('with METRICS_TOKEN: 401 without it or with a wrong one, 200 with it', async () => {
            const bot = await startTestBot({ ...production, METRICS_TOKEN: token });
            try {
                const none = await send(bot.url, 'GET', '/metrics');
                expect(none.status).to.equal(401);
                expect(none.headers['www-authenticate']).to.match(/^Bearer/);
                expect(none.json).to.include({ code: 'Unauthorized' });
                expect(none.json.message).to.include('METRICS_TOKEN');
                expect(none.text).to.not.include('bot_turns_total');
                expect((await send(bot.url, 'GET', '/metrics', undefined, { authorization: `Bearer ${token.slice(0, -1)}0` })).status).to.equal(401);
                expect((await send(bot.url, 'GET', '/metrics', undefined, { authorization: token })).status).to.equal(401);
                const good = await send(bot.url, 'GET', '/metrics', undefined, { authorization: `Bearer ${token}` });
                expect(good.status).to.equal(200);
                expect(good.text).to.include('bot_turns_total');
            } finally {
                await bot.stop();
            }
        });

        it('with METRICS_PORT: served on its own listener only', async () => {
            const bot = await startTestBot({ ...production, METRICS_PORT: '0' });
            try {
                expect((await send(bot.url, 'GET', '/metrics')).status).to.equal(404);
                expect(bot.metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
                const scraped = await send(bot.metricsUrl!, 'GET', '/metrics');
                expect(scraped.status).to.equal(200);
                expect(scraped.text).to.include('bot_turns_total');
                expect((await send(bot.metricsUrl!, 'GET', '/api/messages')).status).to.equal(404);
            } finally {
                await bot.stop();
            }
        });

        it('with neither: not served', async () => {
            const bot = await startTestBot(production);
            try {
                const answer = await send(bot.url, 'GET', '/metrics');
                expect(answer.status).to.equal(404);
                expect(answer.text).to.not.include('bot_turns_total');
            } finally {
                await bot.stop();
            }
        });
    });
});
