// The built-in Direct Line 3.0 endpoint, called the way Web Chat's DirectLineJS calls it
// (webSocket: false, so it polls), and the channel-service endpoints the adapter posts to.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import { loadKnowledge, loadKnowledgeBase } from '../../knowledge/load';
import { startTestBot } from './botServer';

const { replies } = loadKnowledge();

interface Session {
    conversationId: string;
    token: string;
    userId: string;
    /** The browser's signed user cookie (sb_user=...), as it would send it back. */
    cookie: string;
}

async function call(url: string, path: string, init: { method?: string; token?: string; body?: unknown; cookie?: string } = {}) {
    const res = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
            ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
            ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...(init.cookie ? { Cookie: init.cookie } : {})
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined
    });
    const text = await res.text();
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    return {
        status: res.status,
        cookie,
        body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { activities?: Partial<Activity>[]; watermark?: string; error?: { code: string } }
    };
}

/** What the page does: a token from /api/directline/token (the server picks the user), then POST /conversations with it. */
async function startConversation(url: string, tokenBody: Record<string, unknown> = {}): Promise<Session> {
    const token = await call(url, '/api/directline/token', { method: 'POST', body: tokenBody });
    expect(token.status).to.equal(200);
    expect(token.body).to.include({ mode: 'local' });
    const userId = token.body.userId as string;
    const started = await call(url, '/v3/directline/conversations', { method: 'POST', token: token.body.token as string });
    expect(started.status).to.equal(201);
    expect(started.body.conversationId).to.equal(token.body.conversationId);
    expect(started.body.expires_in).to.be.a('number');
    return { conversationId: started.body.conversationId as string, token: started.body.token as string, userId, cookie: token.cookie };
}

const texts = (activities: Partial<Activity>[] | undefined) => (activities ?? []).map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join(''));

describe('HTTP: the built-in Direct Line (LOCAL_DIRECT_LINE)', function () {
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    it('hands the page a token whose user claim is the browser user (as Azure does), chosen by the server and kept in its cookie', async () => {
        // A user id in the body is ignored (issue 13): the server picks one.
        const res = await call(bot.url, '/api/directline/token', { method: 'POST', body: { userId: 'dl_0123456789abcdef' } });
        const userId = res.body.userId as string;
        expect(userId).to.match(/^dl_[0-9a-f]{32}$/);
        const claims = JSON.parse(Buffer.from((res.body.token as string).split('.')[1]!, 'base64url').toString()) as { user: string };
        expect(claims.user).to.equal(userId);
        // The same browser (its cookie) gets the same user again; another gets a fresh one.
        expect((await call(bot.url, '/api/directline/token', { method: 'POST', body: {}, cookie: res.cookie })).body.userId).to.equal(userId);
        const fresh = await call(bot.url, '/api/directline/token', { method: 'POST', body: {} });
        expect(fresh.body.userId).to.match(/^dl_[0-9a-f]{32}$/).and.not.equal(userId);
    });

    it('starts the conversation with the welcome, sent by the server itself', async () => {
        const session = await startConversation(bot.url);
        const list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
        expect(list.status).to.equal(200);
        expect(list.body.activities!.map((a) => a.type)).to.deep.equal(['message']);
        const [welcome] = list.body.activities!;
        expect(welcome!.text).to.equal(replies.welcome);
        expect(welcome!.suggestedActions?.actions).to.have.length(4);
        expect(welcome!.id).to.match(new RegExp(`^${session.conversationId}\\|\\d{7}$`));
        expect(welcome!.from).to.include({ role: 'bot' });
        expect(list.body.watermark).to.equal('1');
    });

    it('greets in the page\'s language: the German page asks with its locale, and an unknown locale is ignored', async () => {
        const welcomeOf = async (tokenBody: Record<string, unknown>) => {
            const session = await startConversation(bot.url, tokenBody);
            const list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
            return list.body.activities![0];
        };
        const german = await welcomeOf({ locale: 'de-DE' });
        expect(german!.text).to.equal(loadKnowledgeBase().de.replies.welcome);
        expect(german!.suggestedActions?.actions?.map((a) => a.title)).to.deep.equal(loadKnowledgeBase().de.articles[0]!.symptoms.map((x) => x.label));
        for (const locale of ['fr-FR', '<script>', 42, 'de-DE'.repeat(100)]) expect((await welcomeOf({ locale }))!.text, String(locale)).to.equal(replies.welcome);
    });

    it('echoes the person\'s activity with an id and its clientActivityID, then the bot\'s replies; the watermark pages', async () => {
        const session = await startConversation(bot.url);
        const path = `/v3/directline/conversations/${session.conversationId}/activities`;
        const first = await call(bot.url, path, { token: session.token });

        const posted = await call(bot.url, path, {
            method: 'POST',
            token: session.token,
            body: { type: 'message', text: 'my security code keeps getting rejected', from: { id: 'dl_forged_user_id' }, channelData: { clientActivityID: 'client-1' } }
        });
        expect(posted.status).to.equal(200);
        expect(posted.body.id).to.be.a('string');

        const next = await call(bot.url, `${path}?watermark=${first.body.watermark}`, { token: session.token });
        const [mine, ...botReplies] = next.body.activities!;
        expect(mine).to.include({ id: posted.body.id, type: 'message', channelId: 'directline', text: 'my security code keeps getting rejected' });
        expect(mine!.channelData).to.deep.equal({ clientActivityID: 'client-1' });
        expect(mine!.from).to.include({ id: session.userId, role: 'user' }); // the token's user, not the body's
        expect(mine).not.to.have.property('serviceUrl'); // the loopback address stays on the server
        expect(texts(botReplies).join('\n')).to.contain("Sounds like your security code isn't being accepted");
        expect(botReplies.every((a) => a.type !== 'trace')).to.equal(true);
        expect(botReplies[0]!.replyToId).to.equal(posted.body.id);

        const nothingNew = await call(bot.url, `${path}?watermark=${next.body.watermark}`, { token: session.token });
        expect(nothingNew.body.activities).to.deep.equal([]);
        expect(nothingNew.body.watermark).to.equal(next.body.watermark);
    });

    it('walks to a fix step with card submits (value, no text), as Web Chat sends them', async () => {
        const session = await startConversation(bot.url);
        const path = `/v3/directline/conversations/${session.conversationId}/activities`;
        let watermark = (await call(bot.url, path, { token: session.token })).body.watermark;
        const say = async (activity: Record<string, unknown>) => {
            await call(bot.url, path, { method: 'POST', token: session.token, body: { ...activity, channelData: { clientActivityID: randomUUID() } } });
            const got = await call(bot.url, `${path}?watermark=${watermark}`, { token: session.token });
            watermark = got.body.watermark;
            return texts(got.body.activities).join('\n');
        };
        await say({ type: 'message', text: 'my security code keeps getting rejected' });
        await say({ type: 'message', text: 'Yes' });
        expect(await say({ type: 'message', text: 'Not sure' })).to.contain('Step 1 of 4');
        expect(await say({ type: 'message', value: { answer: 'No' } })).to.contain('Step 2 of 4');
    });

    it('refuses a wrong or foreign token with 403 and an unknown conversation with 404', async () => {
        const a = await startConversation(bot.url);
        const b = await startConversation(bot.url);
        const path = (id: string) => `/v3/directline/conversations/${id}/activities`;
        expect((await call(bot.url, path(a.conversationId))).status).to.equal(403);
        expect((await call(bot.url, path(a.conversationId), { token: 'not-a-token' })).status).to.equal(403);
        const foreign = await call(bot.url, path(a.conversationId), { token: b.token });
        expect(foreign.status).to.equal(403);
        expect(foreign.body.error?.code).to.equal('BadToken');
        expect((await call(bot.url, path('no-such-conversation'), { token: a.token })).status).to.equal(404);
        expect((await call(bot.url, '/v3/directline/conversations', { method: 'POST', token: 'nope' })).status).to.equal(403);
    });

    it('refreshes a token: the new one works for the same conversation', async () => {
        const session = await startConversation(bot.url);
        const refreshed = await call(bot.url, '/v3/directline/tokens/refresh', { method: 'POST', token: session.token });
        expect(refreshed.status).to.equal(200);
        expect(refreshed.body.conversationId).to.equal(session.conversationId);
        expect(refreshed.body.token).to.not.equal(session.token);
        const list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: refreshed.body.token as string });
        expect(list.status).to.equal(200);
        expect((await call(bot.url, '/v3/directline/tokens/refresh', { method: 'POST', token: 'expired-or-made-up' })).status).to.equal(403);
    });

    it('resumes a conversation for the same browser after a reload, and reconnects with GET /conversations/:id', async () => {
        const session = await startConversation(bot.url);
        const again = await call(bot.url, '/api/directline/token', { method: 'POST', cookie: session.cookie, body: { resume: { conversationId: session.conversationId, token: session.token } } });
        expect(again.body).to.include({ resumed: true, conversationId: session.conversationId });
        const reconnect = await call(bot.url, `/v3/directline/conversations/${session.conversationId}?watermark=`, { token: again.body.token as string });
        expect(reconnect.status).to.equal(200);
        expect(reconnect.body.conversationId).to.equal(session.conversationId);
        // Another browser (user id) cannot take it over with a stolen token: it gets a new conversation.
        const other = await call(bot.url, '/api/directline/token', { method: 'POST', body: { userId: session.userId, resume: { conversationId: session.conversationId, token: session.token } } });
        expect(other.body.resumed).to.equal(false);
        expect(other.body.conversationId).to.not.equal(session.conversationId);
    });

    it('rejects activities that are not JSON (415) or have no known type (400)', async () => {
        const session = await startConversation(bot.url);
        const path = `${bot.url}/v3/directline/conversations/${session.conversationId}/activities`;
        const text = await fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'text/plain' }, body: 'hi' });
        expect(text.status).to.equal(415);
        const untyped = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { method: 'POST', token: session.token, body: { text: 'hi' } });
        expect(untyped.status).to.equal(400);
        expect(untyped.body.error?.code).to.equal('BadArgument');
    });

    it('delivers a message the bot sends later (a human agent\'s reply) through the channel service', async () => {
        const session = await startConversation(bot.url);
        const path = `/v3/directline/conversations/${session.conversationId}/activities`;
        const { watermark } = (await call(bot.url, path, { token: session.token })).body;

        // The same call the agent desk makes: continue the conversation from its reference.
        const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
        await adapter.continueConversationAsync(
            '',
            { channelId: 'directline', serviceUrl: bot.webChat.ownServiceUrl()!, conversation: { id: session.conversationId, isGroup: false, conversationType: '', name: '' }, bot: { id: 'support-bot', name: 'Bot' }, user: { id: session.userId, name: '' } },
            async (context) => {
                await context.sendActivity('Hi, I am Sam from support. I have read the summary.');
                await context.sendTraceActivity('not for the page', {});
            }
        );
        const later = await call(bot.url, `${path}?watermark=${watermark}`, { token: session.token });
        expect(texts(later.body.activities)).to.deep.equal(['Hi, I am Sam from support. I have read the summary.']);
    });

    it('updates (re-delivers under the same id) and deletes bot activities, and drops traces', async () => {
        const session = await startConversation(bot.url);
        // The channel service lives under the serviceUrl the adapter is given (with its secret segment).
        const callbacks = new URL(bot.webChat.ownServiceUrl()!).pathname;
        const base = `${callbacks}/v3/conversations/${session.conversationId}/activities`;
        const sent = await call(bot.url, base, { method: 'POST', body: { type: 'message', text: 'Agent is typing a long answer' } });
        const id = sent.body.id as string;
        const updated = await call(bot.url, `${base}/${encodeURIComponent(id)}`, { method: 'PUT', body: { type: 'message', text: 'Edited answer' } });
        expect(updated.status).to.equal(200);
        let list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
        expect(list.body.activities!.filter((a) => a.id === id).map((a) => a.text)).to.deep.equal(['Edited answer']);
        expect((await call(bot.url, `${base}/${encodeURIComponent(id)}`, { method: 'DELETE' })).status).to.equal(200);
        list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
        expect(list.body.activities!.some((a) => a.id === id)).to.equal(false);
        expect((await call(bot.url, `${callbacks}/v3/conversations/nope/activities`, { method: 'POST', body: { type: 'message', text: 'x' } })).status).to.equal(404);
        // Trace activities never reach the page (Azure's Direct Line drops them too).
        expect((await call(bot.url, base, { method: 'POST', body: { type: 'trace', name: 'Classification', value: {} } })).status).to.equal(200);
        list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
        expect(list.body.activities!.some((a) => a.type === 'trace')).to.equal(false);
    });
});

describe('HTTP: Direct Line off', function () {
    it('answers the token request with 503 and a clear JSON message when there is no secret and LOCAL_DIRECT_LINE is off', async () => {
        const bot = await startTestBot({ LOCAL_DIRECT_LINE: 'false' });
        try {
            const res = await call(bot.url, '/api/directline/token', { method: 'POST', body: {} });
            expect(res.status).to.equal(503);
            expect(res.body.code).to.equal('DirectLineNotConfigured');
            expect(res.body.message).to.contain('DIRECT_LINE_SECRET').and.contain('LOCAL_DIRECT_LINE');
            expect((await call(bot.url, '/v3/directline/conversations', { method: 'POST', token: 'x' })).status).to.equal(404);
            // The page itself is still served; it shows the problem.
            expect((await fetch(`${bot.url}/`)).status).to.equal(200);
        } finally {
            await bot.stop();
        }
    });
});

describe('HTTP: the built-in Direct Line with bot credentials', function () {
    const credentials = { MicrosoftAppId: '8a3c1f0e-5b2d-4e7a-9c61-2f4b8d0e7a13', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };

    it('is off by default once MicrosoftAppId is set', async () => {
        const bot = await startTestBot(credentials);
        try {
            expect((await call(bot.url, '/api/directline/token', { method: 'POST', body: {} })).status).to.equal(503);
        } finally {
            await bot.stop();
        }
    });

    it('works when LOCAL_DIRECT_LINE=true is set on purpose: the endpoint vouches for its own turns (no Azure AD needed)', async () => {
        const bot = await startTestBot({ ...credentials, LOCAL_DIRECT_LINE: 'true' });
        try {
            const session = await startConversation(bot.url);
            const list = await call(bot.url, `/v3/directline/conversations/${session.conversationId}/activities`, { token: session.token });
            expect(texts(list.body.activities)).to.deep.equal([replies.welcome]);
            // /api/messages still demands a Bot Framework token. (botbuilder prints the refusal to
            // the console itself; it is silenced here to keep the test output readable.)
            const consoleError = console.error;
            console.error = () => undefined;
            try {
                const unsigned = await fetch(`${bot.url}/api/messages`, {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://localhost:1', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } })
                });
                expect(unsigned.status).to.equal(401);
            } finally {
                console.error = consoleError;
            }
        } finally {
            await bot.stop();
        }
    });
});
