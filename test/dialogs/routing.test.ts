// How the router answers what people say outside a troubleshooting flow.
import { expect } from 'chai';
import { findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, visibleText } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier();
const { replies } = knowledge;

describe('routing', () => {
    it('a clear symptom in the person\'s own words starts troubleshooting with a confirmation', async () => {
        const c = startConversation();
        const reply = visibleText(await c.say('app wont connect to my car'));
        expect(reply).to.include(findSymptom(knowledge, 'app_not_connecting').symptom.confirm);
        expect(reply).to.include('Yes');
    });

    it('"No, something else" at the confirmation goes back to the menu', async () => {
        const c = startConversation();
        await c.say('app wont connect to my car');
        const reply = visibleText(await c.say('No, something else'));
        expect(reply).to.include(replies.notThisSymptom);
        expect(reply).to.include('Code not accepted');
    });

    it('a symptom picked from the menu is not confirmed again', async () => {
        const c = startConversation();
        await c.say('hi');
        const reply = visibleText(await c.say('App not connecting'));
        const { article } = findSymptom(knowledge, 'app_not_connecting');
        expect(reply).to.include(article.questions.find((q) => q.id === 'bluetooth_on')!.prompt);
    });

    it('two close symptoms get "did you mean A or B?" with both as answers', async () => {
        const c = startConversation();
        const reply = visibleText(await c.say('notifications and security features'));
        expect(reply).to.match(/did you mean/i);
        expect(reply).to.include('Security features disabled');
        expect(reply).to.include('No notifications');
        const next = visibleText(await c.say('No notifications'));
        expect(next).to.include(findSymptom(knowledge, 'notifications_not_received').article.questions.find((q) => q.id === 'notifications_enabled')!.prompt);
    });

    it('the fallback ladder: rephrase, then the menu, then an offer of a human', async () => {
        const c = startConversation();
        expect(visibleText(await c.say('qwxzv'))).to.include(replies.rephrase);
        const menu = visibleText(await c.say('plmokn'));
        expect(menu).to.include(replies.menuPrompt);
        expect(menu).to.include('No notifications');
        expect(visibleText(await c.say('zzkkqq'))).to.include(replies.fallbackOfferHuman);
        expect(visibleText(await c.say('Talk to an agent'))).to.include(replies.handoffStarted);
        expect(c.handoffs[0]?.reason).to.equal('fallback');
    });

    it('a message clearly about something else gets what the bot covers and the menu, not a request to rephrase', async () => {
        const c = startConversation();
        const reply = visibleText(await c.say('my nintendo switch pin is rejected'));
        expect(reply).to.include(replies.outOfScope);
        expect(reply).to.include('No notifications');
        expect(reply).not.to.include(replies.rephrase);
        // Still a rung of the ladder: two more misses and a human is offered.
        expect(visibleText(await c.say('plmokn'))).to.include(replies.menuPrompt);
        expect(visibleText(await c.say('zzkkqq'))).to.include(replies.fallbackOfferHuman);
    });

    it('a message naming another maker\'s app gets what the bot covers, even when its wording sounds like ours', async () => {
        const c = startConversation();
        const reply = visibleText(await c.say('my skoda app wont connect to the car'));
        expect(reply).to.include(replies.outOfScope);
        expect(reply).not.to.include(replies.rephrase);
    });

    it('understanding resets the ladder: a clear message after a miss starts over at step one', async () => {
        const c = startConversation();
        await c.say('qwxzv');
        await c.say('hello');
        expect(visibleText(await c.say('cancel'))).to.include(replies.cancelled);
        expect(visibleText(await c.say('qwxzv'))).to.include(replies.rephrase);
    });

    it('free text typed at the menu is understood afresh', async () => {
        const c = startConversation();
        await c.say('hi');
        const reply = visibleText(await c.say('i dont get any security alerts on my phone anymore'));
        expect(reply).to.include(findSymptom(knowledge, 'notifications_not_received').symptom.confirm);
    });

    for (const [said, expected] of [
        ['hello there', 'greeting'],
        ['what can you do', 'help'],
        ['thanks a lot', 'thanks'],
        ['bye', 'goodbye']
    ] as const) {
        it(`"${said}" gets the ${expected} answer`, async () => {
            const c = startConversation();
            expect(visibleText(await c.say(said))).to.include(replies[expected]);
        });
    }

    it('help lists what the bot can do and offers the symptoms', async () => {
        const reply = visibleText(await startConversation().say('how does this work'));
        expect(reply).to.include(replies.help);
        for (const label of ['Code not accepted', 'App not connecting', 'Security features disabled', 'No notifications']) expect(reply).to.include(label);
    });

    it('"cancel" with nothing going on says so', async () => {
        expect(visibleText(await startConversation().say('cancel'))).to.include(replies.nothingToCancel);
    });

    it('a new problem typed at the feedback question is not swallowed', async () => {
        const c = startConversation();
        for (const t of ['my security code keeps getting rejected', 'yes', 'not sure']) await c.say(t);
        expect(visibleText(await c.say('Yes'))).to.include(replies.feedbackPrompt);
        const reply = visibleText(await c.say('also the app wont connect to my car'));
        expect(reply).to.include(findSymptom(knowledge, 'app_not_connecting').symptom.confirm);
    });

    it('a rating is recorded against the case it rates', async () => {
        const c = startConversation();
        for (const t of ['my security code keeps getting rejected', 'yes', 'not sure', 'Yes']) await c.say(t);
        expect(visibleText(await c.say('👍'))).to.include(replies.feedbackThanks);
        // Reply records (one per answer at a question) sit between them; these are the outcome records.
        const [caseRecord, rating] = (await c.feedback.readAll()).filter((r) => r.kind === 'case' || r.kind === 'rating');
        expect(caseRecord).to.include({ kind: 'case', outcome: 'resolved', symptom: 'code_not_accepted' });
        expect(rating).to.deep.include({ kind: 'rating', rating: 'good', caseId: caseRecord!.caseId });
    });
});
