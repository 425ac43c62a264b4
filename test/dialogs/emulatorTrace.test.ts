// What the Emulator's inspector shows for a reply at a question, through the real server: the
// reply's act and score, which is what the bot acts on, not the intent classifier's guess.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/startBot';
import { conversationOn, emulatorShape, startTestBot } from '../http/botServer';

describe('the Emulator trace at a prompt', function () {
    this.timeout(60_000);
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    const classificationTrace = (replies: Partial<Activity>[]) => replies.find((a) => a.type === 'trace' && a.name === 'Classification');

    it('shows the reply act, its score and the question, not "intent=none score=1.000 band=low"', async () => {
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
