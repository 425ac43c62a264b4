// Issue 7.3: fuzzing the real server. Over a thousand random and mutated requests (random JSON,
// valid activities with fields deleted, retyped, huge, full of unusual Unicode or deeply nested,
// and random content types) go to POST /api/messages, sixteen at a time. None may be answered
// with a 5xx, the server must stay up, and a normal conversation must still work afterwards.
// The seed is fixed so CI is repeatable; FUZZ_SEED=<n> explores others, FUZZ_RUNS=<n> more batches.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import { activity, post, startSecuredBot, visible, type SecuredBot } from './securedBot';

const batchSize = 16;
// Replaced by the loopback channel stub's address when sent (the stub starts with the test).
const serviceUrlMarker = 'http://service-url.invalid/';
const runs = Number(process.env.FUZZ_RUNS ?? 66); // 66 x 16 = 1,056 requests
const seed = Number(process.env.FUZZ_SEED ?? 20_240_707);

interface Case {
    body: string;
    contentType: string;
}

const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary', maxLength: 200 }), // any code point, lone surrogates included
    fc.constantFrom('my code 4821 is not accepted', 'talk to a person', 'yes', 'no', '<at>Bot</at> help', '\u0000\u202e\ufeff', '🚗'.repeat(3000), '{{limit}}', '${process.exit()}', '__proto__')
);

const validActivity = fc.record({
    type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'messageReaction', 'endOfConversation', 'installationUpdate'),
    id: fc.string({ maxLength: 40 }),
    channelId: fc.constantFrom('test', 'msteams', 'webchat', 'emulator', 'directline'),
    serviceUrl: fc.constant(serviceUrlMarker),
    conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 80 }), conversationType: fc.constantFrom('personal', 'channel', 'groupChat', undefined) }, { requiredKeys: ['id'] }),
    from: fc.record({ id: fc.string({ minLength: 1, maxLength: 40 }), name: fc.string({ maxLength: 20 }), role: fc.constantFrom('user', 'bot', 'skill', undefined) }, { requiredKeys: ['id'] }),
    recipient: fc.record({ id: fc.string({ minLength: 1, maxLength: 40 }) }),
    text: anyText,
    name: fc.constantFrom('handoff.status', 'webchat/join', 'adaptiveCard/action', 'composeExtension/query', 'signin/verifyState', 'task/fetch'),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ answer: anyText })),
    entities: fc.array(fc.record({ type: fc.constantFrom('mention', 'clientInfo'), mentioned: fc.record({ id: fc.string() }), text: fc.string() }), { maxLength: 2 }),
    membersAdded: fc.array(fc.record({ id: fc.string({ minLength: 1 }) }), { maxLength: 2 }),
    attachments: fc.array(fc.record({ contentType: fc.constantFrom('text/html', 'application/vnd.microsoft.card.adaptive'), content: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })) }), { maxLength: 2 }),
    timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 })),
    locale: fc.string({ maxLength: 10 }),
    deliveryMode: fc.constantFrom('expectReplies', 'expectReplies', 'expectReplies', 'normal', undefined),
    channelData: fc.jsonValue({ maxDepth: 2 })
}, { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'deliveryMode'] }).map((a) => {
    return a as Record<string, unknown>;
});

const paths = ['type', 'channelId', 'serviceUrl', 'conversation', 'conversation.id', 'from', 'from.id', 'recipient', 'recipient.id', 'text', 'value', 'entities', 'attachments', 'timestamp', 'deliveryMode', 'membersAdded', 'id', 'locale', 'channelData'];

function setPath(target: Record<string, unknown>, path: string, value: unknown | typeof remove): void {
    const keys = path.split('.');
    let node: unknown = target;
    for (const key of keys.slice(0, -1)) {
        if (typeof node !== 'object' || node === null) return;
        node = (node as Record<string, unknown>)[key];
    }
    if (typeof node !== 'object' || node === null) return;
    const last = keys[keys.length - 1]!;
    if (value === remove) delete (node as Record<string, unknown>)[last];
    else (node as Record<string, unknown>)[last] = value;
}
const remove = Symbol('remove');

// Deep nesting is spliced into the JSON text: JSON.stringify itself would overflow the stack.
const nestMarker = '"\u0000nest\u0000"';
function nestedText(depth: number, asArray: boolean): string {
    return asArray ? `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
}

const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
    fc.record({ kind: fc.constant('retype' as const), path: fc.constantFrom(...paths), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 0, -1, 1e308, true, [], {}, '', 'x')) }),
    fc.record({ kind: fc.constant('huge' as const), path: fc.constantFrom('text', 'conversation.id', 'from.id', 'type', 'channelId', 'locale', 'value'), size: fc.integer({ min: 2_000, max: 300_000 }) }),
    fc.record({ kind: fc.constant('unicode' as const), path: fc.constantFrom('text', 'conversation.id', 'from.id', 'channelId', 'from.name'), value: fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }) }),
    fc.record({ kind: fc.constant('nest' as const), path: fc.constantFrom('value', 'channelData', 'text', 'conversation', 'entities'), depth: fc.integer({ min: 10, max: 20_000 }), asArray: fc.boolean() })
);

interface Mutation {
    kind: string;
    path: string;
    value?: unknown;
    size?: number;
    depth?: number;
    asArray?: boolean;
}

/** The activity with the mutations applied, as JSON text. */
function mutate(base: Record<string, unknown>, mutations: Mutation[]): string {
    const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    let nest: string | undefined;
    for (const m of mutations) {
        if (m.kind === 'delete') setPath(copy, m.path, remove);
        else if (m.kind === 'retype' || m.kind === 'unicode') setPath(copy, m.path, m.value);
        else if (m.kind === 'huge') setPath(copy, m.path, 'x'.repeat(m.size!));
        else if (m.kind === 'nest') {
            setPath(copy, m.path, '\u0000nest\u0000');
            nest = nestedText(m.depth!, m.asArray!);
        }
    }
    const text = JSON.stringify(copy);
    return nest ? text.replace(nestMarker, nest) : text;
}

const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
        weight: 3,
        arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/octet-stream',
            'multipart/form-data; boundary=xyz',
            'application/vnd.api+json',
            'application/json; charset=latin1',
            'text/html',
            'application/xml',
            ''
        )
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,15}(; ?[a-z]{1,8}=[a-z0-9-]{1,10})?$/) }
);

const fuzzCase: fc.Arbitrary<Case> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ body: validActivity.map((a) => JSON.stringify(a)), contentType }) },
    {
        weight: 4,
        arbitrary: fc.record({ body: fc.tuple(validActivity, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([a, m]) => mutate(a, m)), contentType })
    },
    { weight: 2, arbitrary: fc.record({ body: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'), contentType }) },
    { weight: 1, arbitrary: fc.record({ body: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('{', '[', '{"type":', 'null', '""', '{}', '{"type":"message"}', '\u0000')), contentType }) }
);

describe('fuzzing POST /api/messages', function () {
    this.timeout(120_000);
    let bot: SecuredBot;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const slowest: { ms: number; body: string }[] = [];
    let sent = 0;

    // Stands in for the channel's service (Bot Connector), so turns without expectReplies can
    // send their replies somewhere real and fast: it takes every POST and answers with an id.
    let channel: Server;
    let serviceUrl = '';
    before(async () => {
        channel = createServer((req, res) => {
            req.resume();
            req.on('end', () => {
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ id: 'sent' }));
            });
        });
        await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
        serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
        bot = await startSecuredBot({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000' });
    });
    after(async () => {
        await bot?.stop();
        channel?.closeAllConnections();
        await new Promise((resolve) => channel?.close(resolve));
    });
    afterEach(function () {
        if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify({ statuses: [...statuses], slowest }, null, 1));
    });

    it(`answers ${runs * batchSize} random and mutated requests without a 5xx`, async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(fuzzCase, { minLength: batchSize, maxLength: batchSize }), async (batch) => {
                const results = await Promise.all(
                    batch.map(async ({ body: template, contentType: type }) => {
                        const body = template.split(serviceUrlMarker).join(serviceUrl);
                        const started = performance.now();
                        const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
                        const text = await response.text();
                        return { status: response.status, text, body, ms: performance.now() - started };
                    })
                );
                for (const r of results) {
                    sent += 1;
                    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
                    slowest.push({ ms: Math.round(r.ms), body: r.body.slice(0, 160) });
                    slowest.sort((a, b) => b.ms - a.ms).splice(5);
                    if (r.status >= 500) failures.push(`${r.status} ${r.text.slice(0, 200)} <- ${r.body.slice(0, 300)}`);
                }
            }),
            { numRuns: runs, seed }
        );
        expect(failures, `5xx answers (seed ${seed})`).to.deep.equal([]);
        expect(sent).to.be.at.least(1000);
        // Every kind of answer showed up: the fuzzer got past validation as well as into it.
        expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).to.be.greaterThan(100);
        expect((statuses.get(400) ?? 0) + (statuses.get(415) ?? 0)).to.be.greaterThan(100);
    });

    it('is still up and a normal conversation still works afterwards', async () => {
        const health = await fetch(`${bot.url}/healthz`);
        expect(health.status).to.equal(200);
        const first = await post(bot.url, activity('after-fuzz', 'my security code is not accepted'));
        expect(first.status).to.equal(200);
        expect(visible(first)).to.match(/security code/i);
        const second = await post(bot.url, activity('after-fuzz', 'yes'));
        expect(second.status).to.equal(200);
        expect(visible(second)).to.not.equal('');
    });
});
