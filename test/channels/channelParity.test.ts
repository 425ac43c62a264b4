// One conversation, three channels: the Bot Framework Emulator, Web Chat and Microsoft Teams
// (personal chat, group chat and a team channel) must reach the same steps.
//
// Teams itself cannot run here (no tenant, no network). These are Teams-shaped activities, as
// Teams sends them (channelId 'msteams', the <at>mention</at> in the text with its mention
// entity, conversation.conversationType, channelData.tenant.id, imBack clicks arriving as text),
// through the real server and adapter with deliveryMode expectReplies.
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import { loadKnowledge } from '../../knowledge/load';
import { conversationOn, emulatorShape, startTestBot, teamsBotId, teamsShape, teamsTenant, visible, webChatShape, type ChannelShape } from '../http/botServer';

const { replies } = loadKnowledge();

/** The landmarks of the scenario, in the order a person meets them. */
const landmarks = [
    "Sounds like your security code isn't being accepted",
    'A quick check first',
    'Step 1 of 4: Re-enter the security code',
    'Step 2 of 4: Check for updates',
    'Step 3 of 4: Review the security code setting'
];

async function runScenario(url: string, shape: ChannelShape): Promise<string[]> {
    const chat = conversationOn(url, shape);
    const reached: string[] = [];
    const note = (activities: Partial<Activity>[]) => {
        const seen = visible(activities);
        reached.push(landmarks.find((l) => seen.includes(l)) ?? `(none of the landmarks) ${seen.slice(0, 120)}`);
    };
    note(await chat.say(shape.message('my security code keeps getting rejected')));
    note(await chat.say(shape.message('Yes'))); // a suggested action (or card button) click
    note(await chat.say(shape.message('Not sure')));
    note(await chat.say(shape.cardSubmit('I already tried that'))); // a button on the step card
    note(await chat.say(shape.cardSubmit('No')));
    return reached;
}

describe('Channels: the same conversation on every channel', function () {
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    for (const make of [emulatorShape, webChatShape, () => teamsShape('personal'), () => teamsShape('groupChat'), () => teamsShape('channel')]) {
        const shape = make();
        it(`${shape.name} reaches the same steps`, async () => {
            expect(await runScenario(bot.url, shape)).to.deep.equal(landmarks);
        });
    }

    it('Web Chat: a card button sends { answer } with no text, and it counts as the answer', async () => {
        const shape = webChatShape();
        const submit = shape.cardSubmit('No');
        expect(submit).to.not.have.property('text');
        expect(submit.value).to.deep.include({ answer: 'No' });
    });

    it('Teams channel: a message that does not @mention the bot gets no reply', async () => {
        const shape = teamsShape('channel');
        const chat = conversationOn(bot.url, shape);
        expect(await chat.say({ type: 'message', text: 'my security code keeps getting rejected', textFormat: 'plain' })).to.deep.equal([]);
        // ...and the same words with the mention do.
        expect(visible(await chat.say(shape.message('my security code keeps getting rejected')))).to.contain(landmarks[0]);
    });

    it('Teams group chat: the mention is stripped before the message is understood', async () => {
        // A symptom's exact label is a sure choice (no "is that right?"), but only without the mention.
        const shape = teamsShape('groupChat');
        const seen = visible(await conversationOn(bot.url, shape).say(shape.message('Code not accepted')));
        expect(seen).to.contain(landmarks[1]);
        expect(seen).not.to.contain(landmarks[0]);
    });
});

describe('Channels: the welcome', function () {
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    const heroCard = (activities: Partial<Activity>[]) => activities.find((a) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.hero');

    for (const conversationType of ['personal', 'groupChat', 'channel'] as const) {
        it(`Teams ${conversationType}: installing the app (the bot in membersAdded) gets the welcome as a card with all four symptoms`, async () => {
            const shape = teamsShape(conversationType);
            const activities = await conversationOn(bot.url, shape).say({
                type: 'conversationUpdate',
                membersAdded: [{ id: teamsBotId }],
                channelData: { tenant: { id: teamsTenant }, ...(conversationType === 'channel' ? { eventType: 'teamMemberAdded', team: { id: '19:teamGeneral@thread.tacv2' } } : {}) }
            });
            const card = heroCard(activities);
            expect(card, 'a hero card').to.not.equal(undefined);
            const content = card!.attachments![0]!.content as { text: string; buttons: { type: string; title: string; value: string }[] };
            expect(content.text).to.equal(replies.welcome);
            // Teams shows only three suggested actions: the four symptoms go on the card, as imBack buttons.
            expect(content.buttons.map((b) => [b.type, b.title])).to.deep.equal([
                ['imBack', 'Code not accepted'],
                ['imBack', 'App not connecting'],
                ['imBack', 'Security features disabled'],
                ['imBack', 'No notifications']
            ]);
            expect(card!.suggestedActions).to.equal(undefined);
        });
    }

    it('Teams: a person who joins a team later is not greeted in its channel', async () => {
        const shape = teamsShape('channel');
        const activities = await conversationOn(bot.url, shape).say({
            type: 'conversationUpdate',
            membersAdded: [{ id: '29:someoneNew', name: 'New Person' }],
            channelData: { tenant: { id: teamsTenant }, eventType: 'teamMemberAdded', team: { id: '19:teamGeneral@thread.tacv2' } }
        });
        expect(activities).to.deep.equal([]);
    });

    it('Teams: clicking a welcome button (its text, as imBack sends it) starts troubleshooting that symptom', async () => {
        const shape = teamsShape('personal');
        // A button is a sure choice: no "is that right?", straight to the symptom's first question.
        expect(visible(await conversationOn(bot.url, shape).say(shape.message('App not connecting')))).to.contain('Is Bluetooth turned on, on both your phone and your car?');
    });

    for (const make of [webChatShape, emulatorShape]) {
        const shape = make();
        it(`${shape.name}: the welcome uses suggested actions`, async () => {
            const activities = await conversationOn(bot.url, shape).say({ type: 'conversationUpdate', membersAdded: [shape.base.from] });
            const welcome = activities.find((a) => a.type === 'message');
            expect(welcome?.text).to.equal(replies.welcome);
            expect(welcome?.attachments ?? []).to.deep.equal([]);
            expect(welcome?.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(['Code not accepted', 'App not connecting', 'Security features disabled', 'No notifications']);
        });
    }
});
