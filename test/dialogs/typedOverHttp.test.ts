// Typed replies through the real server (restify, the adapter, every middleware, expectReplies):
// what the Emulator's inspector shows for a reply at a question (the reply's act and score, which
// is what the bot acts on, not the intent classifier's guess), and that a question answered in
// between is asked again exactly once, with the replies buffered as the server buffers them.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/startBot';
import { answerWhy } from '../../dialogs/digressions';
import { loadKnowledge } from '../../knowledge/load';
import { conversationOn, emulatorShape, startTestBot } from '../http/botServer';

const knowledge = loadKnowledge();
const { replies } = knowledge;

describe('typed replies over HTTP', function () {
    this.timeout(60_000);
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    const classificationTrace = (replies: Partial<Activity>[]) => replies.find((a) => a.type === 'trace' && a.name === 'Classification');

    const said = (replies: Partial<Activity>[]) => replies.filter((a) => a.type === 'message').map((a) => a.text ?? a.summary);

    it('a digression and "in progress" at a step are answered, and the step is asked again once, not twice', async () => {
        const shape = emulatorShape();
        const chat = conversationOn(bot.url, shape);
        for (const text of ['my security code keeps getting rejected', 'yes', 'not sure']) await chat.say(shape.message(text));
        const step1 = 'Step 1 of 4: Re-enter the security code';
        expect(said(await chat.say(shape.message('why would that help, i typed it right')))).to.deep.equal([answerWhy(knowledge, 'code_not_accepted'), `${step1}. ${replies.stepCard.question}`]);
        expect(said(await chat.say(shape.message('ok, doing it now')))).to.deep.equal([replies.understanding.takeYourTime]);
        expect(said(await chat.say(shape.message('i think so? not sure')))).to.deep.equal([replies.understanding.confirmWorked]);
    });

    it('the Emulator trace shows the reply act, its score and the question, not "intent=none score=1.000 band=low"', async () => {
        const shape = emulatorShape();
        const chat = conversationOn(bot.url, shape);
        const opening = classificationTrace(await chat.say(shape.message('my security code keeps getting rejected')));
        expect(opening?.value).to.include({ intent: 'code_not_accepted' });

        const trace = classificationTrace(await chat.say(shape.message('yep thats it')));
        expect(trace?.label).to.equal('What the reply classifier made of this answer');
        expect(trace?.value).to.include({ act: 'affirm', question: 'confirmSymptom', kind: 'confirmSymptom' });
        expect(trace?.value).to.have.property('score').that.is.above(0.5);
        expect(trace?.value).not.to.have.property('band');
    });
});
