// Issue 7.4: per-conversation and per-address rate limits, answered 429 with Retry-After and a
// JSON message, with bounded memory; a flooding conversation does not slow down the others.
import { expect } from 'chai';
import pino from 'pino';
import { MessageRateLimiter, SlidingWindowLimiter } from '../../bot/security/rateLimiter';
import { activity, post, startSecuredBot, visible, type SecuredBot } from './securedBot';

describe('rate limiting: the sliding window', () => {
    function limiter(limit: number, windowMs = 60_000, maxKeys = 100) {
        let now = 1_000_000 * windowMs; // a window boundary
        const l = new SlidingWindowLimiter({ limit, windowMs, maxKeys, now: () => now });
        return { l, advance: (ms: number) => (now += ms) };
    }

    it('allows `limit` requests per window, then rejects with the seconds until one fits', () => {
        const { l, advance } = limiter(3);
        expect([1, 2, 3].map(() => l.take('a').allowed)).to.deep.equal([true, true, true]);
        advance(10_000);
        const rejected = l.take('a');
        expect(rejected.allowed).to.equal(false);
        // This window is full: the next starts in 50 s, where this one still weighs 3 x (1 - t/60);
        // one more fits once that plus 1 is at most 3, i.e. 20 s into it: 70 s from now.
        expect(rejected).to.include({ retryAfterSeconds: 70 });
        advance(69_000);
        expect(l.take('a').allowed).to.equal(false);
        advance(1_001);
        expect(l.take('a').allowed).to.equal(true);
    });

    it('does not count rejected requests, so waiting as told always works', () => {
        const { l, advance } = limiter(2, 1000);
        l.take('k');
        l.take('k');
        for (let i = 0; i < 50; i++) expect(l.take('k').allowed).to.equal(false);
        const wait = (l.take('k') as { retryAfterSeconds: number }).retryAfterSeconds;
        advance(wait * 1000);
        expect(l.take('k').allowed).to.equal(true);
    });

    it('smooths the window edge: no double burst across a boundary', () => {
        const { l, advance } = limiter(10, 1000);
        advance(900);
        for (let i = 0; i < 10; i++) l.take('k');
        advance(200); // 100 ms into the next window: the last one still weighs 90 %
        let allowed = 0;
        for (let i = 0; i < 10; i++) if (l.take('k').allowed) allowed++;
        expect(allowed).to.equal(1);
    });

    it('keeps limits per key', () => {
        const { l } = limiter(1);
        expect(l.take('a').allowed).to.equal(true);
        expect(l.take('a').allowed).to.equal(false);
        expect(l.take('b').allowed).to.equal(true);
    });

    it('never holds more than maxKeys keys, evicting the least recently seen', () => {
        const { l } = limiter(1, 60_000, 50);
        for (let i = 0; i < 10_000; i++) l.take(`key-${i}`);
        expect(l.size).to.equal(50);
        // The most recent keys are still limited; the oldest were forgotten.
        expect(l.take('key-9999').allowed).to.equal(false);
        expect(l.take('key-0').allowed).to.equal(true);
    });

    it('forgets a key once two windows pass without it, so memory follows the active clients', () => {
        const { l, advance } = limiter(2, 1000);
        for (let i = 0; i < 40; i++) l.take(`finished-${i}`);
        expect(l.size).to.equal(40);
        advance(1000); // the next window: their counts still weigh on it
        l.take('active');
        expect(l.size).to.equal(41);
        advance(1000); // two windows on: the finished ones weigh nothing any more
        l.take('active');
        expect(l.size).to.equal(1);
        // A key that comes back starts with a clean slate, as its old counts had expired anyway.
        expect([1, 2, 3].map(() => l.take('finished-0').allowed)).to.deep.equal([true, true, false]);
    });

    it('bounds memory with many long conversation ids too', () => {
        const rl = new MessageRateLimiter({ RATE_LIMIT_PER_CONVERSATION: 5, RATE_LIMIT_PER_ADDRESS: 1_000_000, RATE_LIMIT_WINDOW_SECONDS: 60 }, pino({ level: 'silent' }), { maxKeys: 100 });
        const res = { header() {}, status() {}, json() {} } as never;
        for (let i = 0; i < 5000; i++) {
            rl.check({ socket: { remoteAddress: '127.0.0.1' }, body: { channelId: 'test', conversation: { id: `${i}-${'x'.repeat(10_000)}` } } } as never, res);
        }
        expect(rl.perConversation.size).to.equal(100);
        expect(rl.perAddress.size).to.equal(1);
    });
});

describe('rate limiting: the real server', function () {
    this.timeout(30_000);
    let bot: SecuredBot;
    before(async () => {
        bot = await startSecuredBot({ RATE_LIMIT_PER_CONVERSATION: '5', RATE_LIMIT_PER_ADDRESS: '60', RATE_LIMIT_WINDOW_SECONDS: '60' });
    });
    after(() => bot?.stop());

    it('answers a flooding conversation with 429s while another conversation from the same address is answered promptly', async () => {
        const flood = Array.from({ length: 30 }, (_, i) => post(bot.url, activity('flooder', `message ${i}`)));
        const started = performance.now();
        const other = await post(bot.url, activity('bystander', 'my security code is not accepted'));
        const otherLatency = performance.now() - started;
        const results = await Promise.all(flood);

        expect(other.status).to.equal(200);
        expect(visible(other)).to.not.equal('');
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 200)).to.have.length(5);
        expect(statuses.filter((s) => s === 429)).to.have.length(25);
        const rejected = results.find((r) => r.status === 429)!;
        expect(Number(rejected.headers.get('retry-after'))).to.be.within(1, 120);
        expect(rejected.headers.get('content-type')).to.match(/application\/json/);
        expect(rejected.json).to.deep.include({ code: 'TooManyRequests' });
        expect((rejected.json as { message: string }).message).to.match(/this conversation/);
        // Generous: a turn here takes milliseconds; the point is that it did not queue behind the flood.
        expect(otherLatency).to.be.below(5000);
    });

    it('limits an address across conversations', async () => {
        const results: number[] = [];
        // 60 per address: 31 used above; these 40 go over it.
        for (let i = 0; i < 40; i++) results.push((await post(bot.url, activity(`spread-${i}`, 'hi'))).status);
        expect(results.filter((s) => s === 429).length).to.be.greaterThan(0);
        const last = await post(bot.url, activity('spread-last', 'hi'));
        expect(last.status).to.equal(429);
        expect((last.json as { message: string }).message).to.match(/this address/);
    });

    it('counts malformed requests against the address too', async () => {
        const reply = await post(bot.url, '{"not": "an activity"}');
        expect(reply.status).to.equal(429);
    });
});
