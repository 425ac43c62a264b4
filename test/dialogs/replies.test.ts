// Replies that work on every channel: cards where they render, text elsewhere, and typed
// answers that mean the same as the buttons.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, visibleText } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier();
const { replies } = knowledge;
const { article } = findSymptom(knowledge, 'code_not_accepted');

async function atFirstStep(channelId: string) {
    const c = startConversation(channelId);
    let last: Partial<Activity>[] = [];
    for (const t of ['my security code keeps getting rejected', 'yes', 'not sure']) last = await c.say(t);
    return { c, last };
}

describe('step replies', () => {
    it('Web Chat gets an Adaptive Card 1.5 with the title, the instructions and the four answers as buttons', async () => {
        const { last } = await atFirstStep('webchat');
        const card = last.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
        expect(card, 'an adaptive card').to.exist;
        const content = card!.content as { version: string; body: { text: string }[]; actions: { title: string; data: { msteams: { type: string } } }[] };
        expect(content.version).to.equal('1.5');
        const step = findStep(article, 're_enter_code');
        expect(content.body.map((b) => b.text)).to.include.members(['Step 1 of 4: Re-enter the security code', step.instructions, replies.stepCard.question]);
        expect(content.actions.map((a) => a.title)).to.deep.equal(Object.values(replies.answers.step).map((a) => a.label));
        // Teams posts imBack buttons as typed text, so a click there is an ordinary message.
        expect(content.actions.every((a) => a.data.msteams.type === 'imBack')).to.equal(true);
    });

    it('the code reminder appears on steps where people handle their code', async () => {
        const { last } = await atFirstStep('webchat');
        expect(JSON.stringify(last)).to.include(replies.stepCard.codeReminder);
    });

    it('channels without cards get the step as text with the answers as choices', async () => {
        const { last } = await atFirstStep('sms');
        const text = visibleText(last);
        expect(last.some((a) => a.attachments?.length)).to.equal(false);
        expect(text).to.include('Step 1 of 4: Re-enter the security code');
        expect(text).to.include('I already tried that');
    });

    it('a card button click (value, no text) moves on like the typed answer', async () => {
        const { c } = await atFirstStep('webchat');
        const reply = visibleText(await c.say({ type: 'message', value: { answer: 'No' } }));
        expect(reply).to.include('Step 2 of 4');
    });

    for (const [typed, expected] of [
        ['nope', 'Step 2 of 4'],
        ['still broken', 'Step 2 of 4'],
        ['already tried that twice', 'Step 2 of 4'],
        ["i can't do that, i don't know how", 'Step 2 of 4'],
        ['it is not fixed', 'Step 2 of 4'],
        ['yes that fixed it!', replies.resolved],
        // "sure" means yes, but "not sure" is no answer to "Did that work?": one confirming question.
        ['not sure', replies.understanding.confirmWorked]
    ] as const) {
        it(`typing "${typed}" at a step works like the button`, async () => {
            const { c } = await atFirstStep('test');
            expect(visibleText(await c.say(typed))).to.include(expected);
        });
    }

    it('answers given before being asked are not asked again', async () => {
        const c = startConversation();
        await c.say('app wont connect to my car even though bluetooth is on');
        const reply = visibleText(await c.say('yes'));
        const { article: a } = findSymptom(knowledge, 'app_not_connecting');
        expect(reply).not.to.include(a.questions.find((q) => q.id === 'bluetooth_on')!.prompt);
        expect(reply).to.include(a.questions.find((q) => q.id === 'internet_ok')!.prompt);
    });
});

describe('state', () => {
    it('a restart resumes at the same step: a new bot on the same storage continues the conversation', async () => {
        const first = startConversation();
        for (const t of ['my security code keeps getting rejected', 'yes', 'not sure', 'No']) await first.say(t);
        const restarted = startConversation('test', first.storage);
        const reply = visibleText(await restarted.say('No'));
        expect(reply).to.include('Step 3 of 4');
        const state = (await first.storage.read(['test/conversations/Convo1/']))['test/conversations/Convo1/'] as { caseFile: { steps: unknown[] } };
        expect(state.caseFile.steps).to.have.length(2);
    });

    it('the person\'s history of cases is kept in user state', async () => {
        const c = startConversation();
        for (const t of ['my security code keeps getting rejected', 'yes', 'not sure', 'Yes']) await c.say(t);
        const users = await c.storage.read(['test/users/user1/']);
        const profile = (users['test/users/user1/'] as { userProfile: { history: { symptom: string; outcome: string }[] } }).userProfile;
        expect(profile.history).to.deep.include.members([{ ...profile.history[0]!, symptom: 'code_not_accepted', outcome: 'resolved' }]);
    });
});
