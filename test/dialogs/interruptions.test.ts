// Cancel, start over, help and "talk to a person" at every kind of prompt the bot asks.
import { expect } from 'chai';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, visibleText, type Conversation } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier();
const { replies } = knowledge;
const code = findSymptom(knowledge, 'code_not_accepted');
const security = findSymptom(knowledge, 'security_features_disabled');
const firstQuestion = code.article.questions.find((q) => q.id === code.symptom.questions[0])!;

/** How to reach each kind of prompt, and a piece of text that shows that prompt is being asked. */
const promptKinds: { kind: string; reach: string[]; shows: string }[] = [
    { kind: 'symptom confirmation', reach: ['my security code keeps getting rejected'], shows: code.symptom.confirm },
    { kind: 'early offer of help', reach: ['the security features in my app are all disabled', 'yes'], shows: replies.earlyHelpOffer },
    { kind: 'diagnostic question', reach: ['my security code keeps getting rejected', 'yes'], shows: firstQuestion.prompt },
    { kind: 'fix step', reach: ['my security code keeps getting rejected', 'yes', 'not sure'], shows: 'Step 1 of 4' },
    {
        kind: 'offer of a human after the last step',
        reach: ['my security code keeps getting rejected', 'yes', 'not sure', 'No', 'No', 'No', 'No'],
        shows: code.article.escalation.advice
    },
    { kind: 'feedback question', reach: ['my security code keeps getting rejected', 'yes', 'not sure', 'Yes'], shows: replies.feedbackPrompt },
    { kind: 'symptom menu', reach: ['hello'], shows: replies.greeting },
    { kind: 'did-you-mean question', reach: ['notifications and security features'], shows: 'did you mean' },
    { kind: 'fallback offer of a human', reach: ['qwxzv', 'plmokn', 'zzkkqq'], shows: replies.fallbackOfferHuman }
];

async function reach(reachBy: string[], shows: string): Promise<Conversation> {
    const conversation = startConversation();
    let last = '';
    for (const text of reachBy) last = visibleText(await conversation.say(text));
    expect(last, 'the prompt was reached').to.include(shows);
    return conversation;
}

describe('interruptions at every prompt', () => {
    it('reaches the security-features early offer only for difficulty 4+', () => {
        expect(security.symptom.difficulty).to.be.at.least(4);
    });

    for (const { kind, reach: reachBy, shows } of promptKinds) {
        describe(`at the ${kind}`, () => {
            it('"cancel" stops, and the next message starts afresh', async () => {
                const c = await reach(reachBy, shows);
                expect(visibleText(await c.say('cancel'))).to.include(replies.cancelled);
                // After a case that ended (resolved, here) the person is a returning customer.
                const ended = kind === 'feedback question';
                expect(visibleText(await c.say('hi'))).to.include(ended ? 'Welcome back' : replies.greeting);
            });

            it('"start over" starts again at the symptom menu', async () => {
                const c = await reach(reachBy, shows);
                const reply = visibleText(await c.say('start over'));
                expect(reply).to.include(replies.startOver);
                expect(reply).to.include(replies.menuPrompt);
                expect(reply).to.include('App not connecting');
            });

            it('"help" explains, then asks the same question again', async () => {
                const c = await reach(reachBy, shows);
                const reply = visibleText(await c.say('help'));
                expect(reply).to.include(replies.help);
                expect(reply.toLowerCase()).to.include(shows.toLowerCase());
            });

            it('"talk to a person" hands over with a summary', async () => {
                const c = await reach(reachBy, shows);
                expect(visibleText(await c.say('can i talk to a real person please'))).to.include(replies.handoffStarted);
                expect(c.handoffs).to.have.length(1);
            });
        });
    }

    it('"No" at a fix step is an answer, not a change of subject', async () => {
        const c = await reach(['my security code keeps getting rejected', 'yes', 'not sure'], 'Step 1 of 4');
        const reply = visibleText(await c.say('no'));
        expect(reply).to.include('Step 2 of 4');
        expect(reply).not.to.include(replies.cancelled);
    });

    it('a vague guess does not hijack a prompt: an unclear answer is asked again', async () => {
        const c = await reach(['my security code keeps getting rejected', 'yes', 'not sure'], 'Step 1 of 4');
        const reply = visibleText(await c.say('the car is blue'));
        expect(reply).to.include(fillTemplate(replies.notUnderstoodAnswer, { options: '"Yes", "No", "I already tried that" or "I can\'t do this"' }));
        expect(reply).to.include('Step 1 of 4');
    });
});
