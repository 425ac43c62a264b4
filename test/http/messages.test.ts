// POST /api/messages on the real server: the welcome, a troubleshooting path with deliveryMode
// expectReplies, the answers to bad requests, and what a person sees when a turn fails.
import { randomUUID } from 'node:crypto';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import { loadKnowledge } from '../../knowledge/load';
import { conversationOn, emulatorShape, postActivity, startTestBot, visible } from './botServer';

const { replies } = loadKnowledge();

describe('HTTP: POST /api/messages', function () {
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    it('answers /healthz with 200 once ready', async () => {
        const res = await fetch(`${bot.url}/healthz`);
        expect(res.status).to.equal(200);
        expect(await res.json()).to.include({ status: 'ok' });
    });

    it('welcomes a person who joins, with the symptoms as buttons', async () => {
        const shape = emulatorShape();
        const from = shape.base.from as { id: string };
        const activities = await conversationOn(bot.url, shape).say({ type: 'conversationUpdate', membersAdded: [from] });
        const welcome = activities.find((a) => a.type === 'message');
        expect(welcome?.text).to.equal(replies.welcome);
        expect(welcome?.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(['Code not accepted', 'App not connecting', 'Security features disabled', 'No notifications']);
    });

    it('walks a troubleshooting path, replies in the HTTP body (expectReplies)', async () => {
        const shape = emulatorShape();
        const chat = conversationOn(bot.url, shape);
        const confirm = await chat.say(shape.message('my security code keeps getting rejected'));
        expect(visible(confirm)).to.contain("Sounds like your security code isn't being accepted").and.contain('[Yes]');
        // The Emulator shows how each message was understood: a trace per classification.
        expect(confirm.some((a) => a.type === 'trace' && a.name === 'Classification')).to.equal(true);

        expect(visible(await chat.say(shape.message('yes')))).to.contain('A quick check first');
        const step1 = await chat.say(shape.message('not sure'));
        expect(visible(step1)).to.contain('Step 1 of 4: Re-enter the security code');
        expect(step1.find((a) => a.attachments?.length)?.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
        expect(visible(await chat.say(shape.cardSubmit('I already tried that')))).to.contain('Step 2 of 4: Check for updates');
        expect(visible(await chat.say(shape.message('yes that fixed it')))).to.contain(replies.resolved);
    });

    it('answers an activity without a conversation with 400 and says what is missing', async () => {
        const { conversation: _omitted, ...base } = emulatorShape().base;
        const reply = await postActivity(bot.url, { ...base, type: 'message', text: 'hi' });
        expect(reply.status).to.equal(400);
        expect(reply.body.code).to.equal('InvalidActivity');
        expect(reply.body.message).to.contain('conversation');
    });

    it('answers a body that is not JSON with 415, and malformed JSON with 400, as JSON', async () => {
        const text = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
        expect(text.status).to.equal(415);
        expect(((await text.json()) as { code: string }).code).to.equal('UnsupportedMediaType');

        const broken = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message", ' });
        expect(broken.status).to.equal(400);
        expect(broken.headers.get('content-type')).to.match(/json/);
        const body = (await broken.json()) as { code?: string; message?: string };
        expect(body.message ?? body.code).to.be.a('string');
    });
});

/**
 * Simulates a storage outage: MemoryStorage whose next write of one conversation's state fails,
 * as a store that times out would. Nothing in the bot is stubbed; the turn really fails while
 * saving, so the adapter's error handler and the state that was (not) saved are the real ones.
 */
class FlakyStorage extends MemoryStorage {
    private failFor: string | undefined;

    failNextSaveOf(conversationId: string): void {
        this.failFor = conversationId;
    }

    override async write(changes: StoreItems): Promise<void> {
        const failing = this.failFor;
        if (failing && Object.keys(changes).some((key) => key.includes(`/conversations/${failing}`))) {
            this.failFor = undefined;
            throw new Error('simulated storage outage: write timed out');
        }
        return super.write(changes);
    }
}

describe('HTTP: a turn that fails', function () {
    let bot: RunningBot;
    const storage = new FlakyStorage();
    before(async () => {
        bot = await startTestBot({}, { storage });
    });
    after(async () => bot?.stop());

    it('gets the apology, and the person keeps their place', async () => {
        const shape = emulatorShape();
        const chat = conversationOn(bot.url, shape);
        await chat.say(shape.message('my security code keeps getting rejected'));
        expect(visible(await chat.say(shape.message('yes')))).to.contain('A quick check first');

        storage.failNextSaveOf((shape.base.conversation as { id: string }).id);
        const failed = await chat.say(shape.message('not sure'));
        expect(visible(failed)).to.contain(replies.errorApology);

        // The failed turn saved nothing: sending the same answer again continues from the question.
        const again = await chat.say(shape.message('not sure'));
        expect(visible(again)).to.contain('Step 1 of 4: Re-enter the security code');
        expect(visible(again)).not.to.contain(replies.errorApology);
    });

    it('leaves the server healthy and serving', async () => {
        const res = await fetch(`${bot.url}/healthz`);
        expect(res.status).to.equal(200);
        const hello = await conversationOn(bot.url, emulatorShape()).say({ type: 'message', text: 'hi', id: randomUUID() });
        expect(hello.length).to.be.greaterThan(0);
    });
});
