// Issue 13, "Agent impersonation" and "Unauthenticated mode": anyone could become a human agent by
// naming an agent's id (the token route took the browser's userId; the desk compared from.id).
// Each attack runs against the real server over HTTP, as a browser or a channel would, and fails
// on 9bc0b84. The happy paths show real agents still work: a Web Chat agent who signed in with a
// link, over the built-in Direct Line, and a Teams agent on an authenticated turn (the channel
// service's token signing and Azure AD's token issuance are faked: ../../handoff/signedChannel.ts).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as NodeServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../bot/config';
import { DirectLineError } from '../../../bot/directline/directLineStore';
import type { LocalDirectLine } from '../../../bot/directline/localDirectLine';
import { createLogger } from '../../../bot/logger';
import { createHttpServer } from '../../../bot/server';
import type { RunningBot } from '../../../bot/startBot';
import { agentSignInLink } from '../../../bot/webchat/agentSignIn';
import { SigningKey } from '../../../bot/webchat/signing';
import { addWebChatRoutes } from '../../../bot/webchat/webChatRoutes';
import { fillTemplate } from '../../../dialogs/fillTemplate';
import { loadKnowledge } from '../../../knowledge/load';
import { readable, send, type Party } from '../../handoff/botClient';
import { startChannelStandIn, type ChannelStandIn } from '../../handoff/channelStandIn';
import { credentials, fakeChannelService, type SignedChannel } from '../../handoff/signedChannel';
import { Browser, openChat, openSignInLink, signingKeyOf, signInAgent } from '../../handoff/webChatClient';
import { startTestBot } from '../../http/botServer';

const { replies } = loadKnowledge();
const h = replies.handoff;
// The fixed start of replies that go on to name the case.
const newCustomer = h.agentNewCustomer.slice(0, h.agentNewCustomer.indexOf('{'));
const connected = h.agentConnected.slice(0, h.agentConnected.indexOf('{'));
const secret = 'a-sign-in-secret-of-the-test-0123456789';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const agentObjectId = '6b1e0c4e-7d1a-4f0e-9a55-3f1d2c0b9e11';
const agentKey = `aad:${tenant}/${agentObjectId}`;
const samUserId = 'dl_agent_sam';

/** A message to /api/messages as any client can write it with authentication off. */
async function postAsAnyone(botUrl: string, activity: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: randomUUID(), recipient: { id: 'bot' }, deliveryMode: 'expectReplies', ...activity })
    });
    const body = (await res.json().catch(() => ({}))) as { activities?: never[] };
    return { status: res.status, text: readable(body.activities ?? []) };
}

describe('attacks: agents who are who they say (issue 13)', function () {
    this.timeout(60_000);

    describe('Web Chat, built-in Direct Line, authentication off (development on loopback)', () => {
        let bot: RunningBot;
        beforeEach(async () => {
            bot = await startTestBot({ HANDOFF_AGENT_IDS: `webchat:sam, webchat:alex, ${agentKey}`, SIGN_IN_SECRET: secret });
        });
        afterEach(async () => bot?.stop());

        it('another browser asking for a token with the agent’s user id gets an id of its own, and no agent commands', async () => {
            const customer = await openChat(new Browser(), bot.url);
            await customer.say('i want to talk to a real person');
            // No agent has signed in yet, so nobody is on duty: the customer is asked for a message.
            await customer.waitFor(h.nobodyOnDuty);

            const attacker = new Browser();
            const session = await attacker.token(bot.url, { userId: samUserId });
            expect(session.status).to.equal(200);
            expect(session.body.userId).to.match(/^dl_[0-9a-f]{32}$/).and.not.equal(samUserId);

            // The real agent signs in and chats; the attacker still gets nowhere.
            const sam = new Browser();
            await signInAgent(sam, bot.url, secret, 'sam');
            const samChat = await openChat(sam, bot.url);
            expect(samChat.userId).to.equal(samUserId);
            expect((await attacker.token(bot.url, { userId: samUserId })).body.userId).to.equal(session.body.userId);
            // Nor can it take over the agent's conversation with the agent's user id in the body.
            const resumed = await attacker.token(bot.url, { userId: samUserId, resume: { conversationId: samChat.conversationId, token: 'stolen?' } });
            expect(resumed.body.resumed).to.equal(false);
            const chat = await openChat(attacker, bot.url);
            await chat.say('queue');
            await chat.say('accept');
            await new Promise((r) => setTimeout(r, 300));
            expect(await chat.seen()).not.to.include(h.agentQueueHeading).and.not.include(connected);
            expect((await bot.desk.read()).connections).to.have.length(0);
        });

        it('a forged, tampered or expired cookie makes nobody an agent (even with the agent’s id in the body)', async () => {
            const wrongKey = new SigningKey(Buffer.from('some-other-key-that-is-long-enough'));
            const now = Math.floor(Date.now() / 1000);
            const forged = [
                wrongKey.sign('agent-cookie', ['sam', String(now + 3600)]),
                signingKeyOf(secret).sign('agent-cookie', ['sam', String(now - 1)]),
                signingKeyOf(secret).sign('agent-link', ['sam', String(now + 3600)]),
                'sam'
            ];
            // And a real agent's cookie (alex) edited to name another agent (sam).
            const alex = new Browser();
            await signInAgent(alex, bot.url, secret, 'alex').catch(() => undefined);
            const [, until, mac] = (alex.cookies.get('sb_agent') ?? `alex.${now + 3600}.${'A'.repeat(43)}`).split('.');
            forged.push(`sam.${until}.${mac}`);
            for (const cookie of forged) {
                const browser = new Browser();
                browser.cookies.set('sb_agent', cookie);
                browser.cookies.set('sb_user', signingKeyOf('guessed-secret-guessed-secret-0123').sign('user-cookie', [samUserId]));
                const session = await browser.token(bot.url, { userId: samUserId });
                expect(session.body.userId, cookie).to.match(/^dl_[0-9a-f]{32}$/);
            }
            // A visitor's own cookie cannot be edited into another visitor's id either.
            const visitor = new Browser();
            const first = (await visitor.token(bot.url)).body.userId as string;
            const [, userMac] = visitor.cookies.get('sb_user')!.split('.');
            const edited = new Browser();
            edited.cookies.set('sb_user', `dl_${'0'.repeat(32)}.${userMac}`);
            expect((await edited.token(bot.url, { userId: `dl_${'0'.repeat(32)}` })).body.userId).to.not.equal(`dl_${'0'.repeat(32)}`).and.not.equal(first);
        });

        it('a sign-in link works once: replayed, tampered or for someone not listed, it signs nobody in', async () => {
            const link = agentSignInLink(signingKeyOf(secret), 'sam', bot.url);
            const first = new Browser();
            expect((await openSignInLink(first, link)).status).to.equal(303);
            expect(first.cookies.has('sb_agent')).to.equal(true);

            const second = new Browser();
            const replay = await openSignInLink(second, link);
            expect(replay.status).to.equal(410);
            expect(await replay.json()).to.include({ code: 'SignInLinkUsed' });
            expect(second.cookies.has('sb_agent')).to.equal(false);
            expect((await second.token(bot.url, { userId: samUserId })).body.userId).to.not.equal(samUserId);

            const tampered = agentSignInLink(signingKeyOf(secret), 'alex', bot.url).replace('code=alex.', 'code=sam.');
            const tamperedAnswer = await openSignInLink(new Browser(), tampered);
            expect(tamperedAnswer.status).to.equal(400);
            expect(await tamperedAnswer.json()).to.include({ code: 'InvalidSignInLink' });
            const stranger = await openSignInLink(new Browser(), agentSignInLink(signingKeyOf(secret), 'mallory', bot.url));
            expect(stranger.status).to.equal(400);
            expect(await stranger.json()).to.include({ code: 'NotAnAgent' });
            const expired = await openSignInLink(new Browser(), agentSignInLink(signingKeyOf(secret), 'sam', bot.url, { minutes: -1 }));
            expect(expired.status).to.equal(400);
        });

        it('POST /api/messages claiming to be an agent (Teams-shaped aadObjectId, or the agent’s ids) runs no agent command', async () => {
            const customer = await openChat(new Browser(), bot.url);
            await customer.say('i want to talk to a real person');
            await customer.waitFor(h.nobodyOnDuty); // no agent has signed in: nobody on duty
            const claims = [
                { channelId: 'msteams', from: { id: agentKey, aadObjectId: agentObjectId, name: 'Sam' }, conversation: { id: 'a:1forged', tenantId: tenant }, channelData: { tenant: { id: tenant } } },
                { channelId: 'directline', from: { id: samUserId, name: 'Sam' }, conversation: { id: 'forged-dl' } },
                { channelId: 'directline', from: { id: 'webchat:sam', name: 'Sam' }, conversation: { id: 'forged-dl-2' } }
            ];
            for (const claim of claims) {
                for (const text of ['queue', 'accept']) {
                    const reply = await postAsAnyone(bot.url, { ...claim, text, serviceUrl: bot.url });
                    expect(reply.status).to.equal(200);
                    expect(reply.text, `${claim.from.id}: ${text}`).not.to.include(h.agentQueueHeading).and.not.include(connected).and.not.include(h.agentQueueEmpty);
                }
            }
            expect((await bot.desk.read()).connections).to.have.length(0);
        });

        it('an "end" from someone who is not the agent does not move the agent’s address', async () => {
            const endAsSam = async () => {
                for (const from of [{ id: samUserId }, { id: 'webchat:sam' }]) {
                    await postAsAnyone(bot.url, { channelId: 'directline', from, text: 'end', conversation: { id: 'attacker' }, serviceUrl: 'http://127.0.0.1:9/elsewhere' });
                }
            };
            await endAsSam();
            expect(Object.values((await bot.desk.read()).agents).map((a) => a.conversation?.id)).to.not.include('attacker');

            const sam = new Browser();
            await signInAgent(sam, bot.url, secret, 'sam');
            const samChat = await openChat(sam, bot.url);
            await samChat.say('queue');
            await samChat.waitFor(h.agentQueueEmpty);
            expect((await bot.desk.read()).agents['webchat:sam']?.conversation?.id).to.equal(samChat.conversationId);
            await endAsSam();
            const desk = await bot.desk.read();
            expect(desk.agents['webchat:sam']?.conversation?.id).to.equal(samChat.conversationId);
            expect(desk.agents['webchat:sam']?.serviceUrl).to.not.include('/elsewhere');
            expect(Object.values(desk.agents).map((a) => a.conversation?.id)).to.not.include('attacker');
        });

        it('happy path: an agent signs in over Web Chat and takes a customer end to end', async () => {
            const sam = new Browser();
            await signInAgent(sam, bot.url, secret, 'sam');
            const agent = await openChat(sam, bot.url);
            await agent.say('queue');
            await agent.waitFor(h.agentQueueEmpty);

            const customer = await openChat(new Browser(), bot.url);
            await customer.say('i want to talk to a real person');
            await customer.waitFor(fillTemplate(h.queued, { position: 1 }));
            await agent.waitFor(newCustomer);

            await agent.say('accept');
            await agent.waitFor(connected);
            // The name the agent signed in with, not the one their page sent ("Sam" from the page is ignored).
            await customer.waitFor(fillTemplate(h.agentJoined, { agent: 'sam' }));

            await customer.say('my app still will not connect');
            await agent.waitFor('my app still will not connect');
            await agent.say('Which phone do you use?');
            await customer.waitFor('Which phone do you use?');

            await agent.say('end');
            await agent.waitFor(h.agentEnded);
            await customer.waitFor(h.chatEnded);
            expect((await bot.desk.read()).connections).to.have.length(0);
        });
    });

    it('the user cookie cannot be read by script or sent by another site, and is HTTPS-only in production', async () => {
        for (const [env, secure] of [[{}, false], [{ NODE_ENV: 'production', ...credentials, LOCAL_DIRECT_LINE: 'true' }, true]] as const) {
            const bot = await startTestBot(env);
            try {
                const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
                const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_user='));
                expect(cookie, JSON.stringify(env)).to.match(/; Path=\/api\/directline; Max-Age=\d+; HttpOnly; SameSite=Strict/);
                expect(/; Secure\b/.test(cookie!), JSON.stringify(env)).to.equal(secure);
                expect(cookie).to.not.include(((await res.json()) as { token: string }).token);
            } finally {
                await bot.stop();
            }
        }
    });

    describe('configuration', () => {
        it('refuses Direct Line ids, channel ids and unprefixed entries, saying what to write instead', () => {
            for (const entry of ['dl_0123456789abcdef', '29:1kH4mGZ0dQ', 'agent-1', 'aad:not-a-guid', 'webchat:Bad Name']) {
                expect(() => loadConfig({ ...credentials, HANDOFF_AGENT_IDS: entry }), entry).to.throw(ConfigError, /HANDOFF_AGENT_IDS/);
            }
            expect(() => loadConfig({ ...credentials, HANDOFF_AGENT_IDS: 'dl_0123456789abcdef' })).to.throw(ConfigError, /aad:<tenant id>\/<object id>.*webchat:<name>/);
            // The short aad form needs the bot's own tenant.
            expect(() => loadConfig({ MicrosoftAppId: credentials.MicrosoftAppId, MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', HANDOFF_AGENT_IDS: `aad:${agentObjectId}` })).to.throw(ConfigError, /write aad:<tenant id>\//);
        });

        it('refuses agents with authentication off unless in development on loopback', () => {
            const refused = [
                { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true' },
                { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true', HOST: '127.0.0.1' },
                { NODE_ENV: 'development', HOST: '0.0.0.0' },
                { NODE_ENV: 'test' }
            ];
            for (const env of refused) {
                expect(() => loadConfig({ ...env, HANDOFF_AGENT_IDS: 'webchat:sam' }), JSON.stringify(env)).to.throw(ConfigError, /authentication is off/);
            }
            expect(loadConfig({ HANDOFF_AGENT_IDS: 'webchat:sam' })).to.include({ HOST: '127.0.0.1' });
            expect(loadConfig({ HANDOFF_AGENT_IDS: 'webchat:Sam', HOST: '::1' }).HANDOFF_AGENT_IDS).to.deep.equal(['webchat:sam']);
            expect(loadConfig({ NODE_ENV: 'production', ...credentials, HANDOFF_AGENT_IDS: `webchat:sam, aad:${agentObjectId}` }).HANDOFF_AGENT_IDS).to.deep.equal([
                'webchat:sam',
                `aad:${credentials.MicrosoftAppTenantId}/${agentObjectId}`
            ]);
        });
    });

    describe('the token route under load', () => {
        it('a flood from one address gets 429 with Retry-After and a JSON message', async () => {
            const bot = await startTestBot({ TOKEN_RATE_LIMIT_PER_ADDRESS: '5' });
            try {
                const statuses: number[] = [];
                let refused: Response | undefined;
                for (let i = 0; i < 8; i++) {
                    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
                    statuses.push(res.status);
                    if (res.status === 429) refused = res;
                    else await res.arrayBuffer();
                }
                expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 429, 429, 429]);
                expect(Number(refused!.headers.get('retry-after'))).to.be.greaterThan(0);
                const body = (await refused!.json()) as { code: string; message: string };
                expect(body.code).to.equal('TooManyRequests');
                expect(body.message).to.match(/try again in \d+ s/);
            } finally {
                await bot.stop();
            }
        });

        describe('with Azure Direct Line (a stand-in for Azure’s token endpoint)', () => {
            let azure: NodeServer;
            let site: ReturnType<typeof createHttpServer>;
            let siteUrl: string;
            let asked: string[];
            before(async () => {
                azure = createServer((req: IncomingMessage, res) => {
                    let body = '';
                    req.on('data', (c: Buffer) => (body += c.toString()));
                    req.on('end', () => {
                        asked.push((JSON.parse(body) as { user: { id: string } }).user.id);
                        res.writeHead(200, { 'Content-Type': 'application/json' });
                        res.end(JSON.stringify({ conversationId: `c${asked.length}`, token: 't', expires_in: 1800 }));
                    });
                });
                await new Promise<void>((r) => azure.listen(0, '127.0.0.1', r));
                const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', DIRECT_LINE_SECRET: 'azure-secret', TOKEN_RATE_LIMIT_PER_ADDRESS: '3', ...credentials, HANDOFF_AGENT_IDS: 'webchat:sam' });
                site = createHttpServer(config);
                addWebChatRoutes(site, { config, log: createLogger(config), tokenUrl: `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline/tokens/generate` });
                await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
                siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
            });
            beforeEach(() => {
                asked = [];
            });
            after(() => {
                azure?.close();
                site?.close();
            });

            it('passes Azure only the id it chose, never the one the browser names, and spends no Azure request beyond the limit', async () => {
                const browser = new Browser();
                const statuses: number[] = [];
                for (let i = 0; i < 5; i++) statuses.push((await browser.token(siteUrl, { userId: samUserId })).status);
                expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
                expect(asked).to.have.length(3);
                expect(asked[0]).to.match(/^dl_[0-9a-f]{32}$/);
                // The same browser is the same user on every call.
                expect(new Set(asked).size).to.equal(1);
            });
        });

        it('answers a full built-in Direct Line with its status, Retry-After and {code, message}', async () => {
            // A stand-in for the built-in Direct Line whose open() is full (its real limits are tested in limits.test.ts).
            const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', SIGN_IN_SECRET: secret });
            const site = createHttpServer(config);
            const full = {
                open() {
                    throw new DirectLineError(503 as never, 'ServiceUnavailable' as never, 'The chat service is busy. Try again in a minute.');
                },
                resume: () => undefined
            } as unknown as LocalDirectLine;
            addWebChatRoutes(site, { config, log: createLogger(config), localDirectLine: full });
            await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
            try {
                const res = await fetch(`http://127.0.0.1:${(site.address() as AddressInfo).port}/api/directline/token`, { method: 'POST' });
                expect(res.status).to.equal(503);
                expect(Number(res.headers.get('retry-after'))).to.be.greaterThan(0);
                expect(await res.json()).to.deep.equal({ code: 'ServiceUnavailable', message: 'The chat service is busy. Try again in a minute.' });
            } finally {
                site.close();
            }
        });
    });

    describe('Teams, authentication on', () => {
        let signed: SignedChannel;
        let channel: ChannelStandIn;
        let bot: RunningBot;
        const agent: Party = { conversationId: 'a:1agent', userId: '29:agent', name: 'Sam Agent', channelId: 'msteams', aadObjectId: agentObjectId, tenantId: tenant };
        const customer: Party = { conversationId: 'a:1customer', userId: '29:customer', channelId: 'msteams', aadObjectId: '0f4c2a9e-1111-4b7d-8c33-9d2e5f6a7b80', tenantId: tenant };
        const say = (party: Party, text: string, extra = {}) =>
            send(bot.url, channel.url, party, text, extra, signed.authorization(channel.url)).then(readable);

        before(async () => {
            signed = fakeChannelService();
            channel = await startChannelStandIn();
            bot = await startTestBot({ ...credentials, HANDOFF_AGENT_IDS: agentKey });
        });
        after(async () => {
            await bot?.stop();
            await channel?.close();
            signed?.restore();
        });

        it('happy path: the agent, known by Azure AD object id and tenant on an authenticated turn, takes a customer; the same object id in another tenant is nobody', async () => {
            expect(await say(agent, 'queue')).to.include(h.agentQueueEmpty);
            expect(await say(customer, 'i want to talk to a real person')).to.include(fillTemplate(h.queued, { position: 1 }));
            await channel.waitFor(agent.conversationId, newCustomer);
            expect(await say(agent, 'accept')).to.include(connected);
            await channel.waitFor(customer.conversationId, fillTemplate(h.agentJoined, { agent: 'Sam Agent' }));
            await say(customer, 'hello?');
            await channel.waitFor(agent.conversationId, 'hello?');
            expect(await say(agent, 'end')).to.include(h.agentEnded);

            // The same object id in another tenant, or with tenants that disagree, is not the agent.
            const otherTenant = { ...agent, conversationId: 'a:1other', tenantId: '00000000-1111-2222-3333-444444444444' };
            expect(await say(otherTenant, 'queue')).not.to.include(h.agentQueueEmpty).and.not.include(h.agentQueueHeading);
            const disagreeing = await say({ ...agent, conversationId: 'a:1mixed' }, 'queue', { channelData: { tenant: { id: '00000000-1111-2222-3333-444444444444' } } });
            expect(disagreeing).not.to.include(h.agentQueueEmpty).and.not.include(h.agentQueueHeading);
        });
    });
});
