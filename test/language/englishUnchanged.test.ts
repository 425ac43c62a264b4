// German is always loaded now: an English speaker must not notice. One full typed English
// conversation (CONVERSATION.md's, with a question about the step on the way), its replies
// compared exactly with the English texts, through the dialog harness and through the real
// server, which chooses the language of every message itself.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/startBot';
import { aboutSymptom, answerWhy } from '../../dialogs/digressions';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledgeBase } from '../../knowledge/load';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { startConversation } from '../dialogs/conversationHarness';
import { conversationOn, startTestBot, webChatShape } from '../http/botServer';

const { en: knowledge, de } = loadKnowledgeBase();
const { replies } = knowledge;
const { article, symptom } = findSymptom(knowledge, 'code_not_accepted');
const step = (n: number, id: string) => fillTemplate(replies.stepCard.heading, { number: n, total: 4, title: findStep(article, id).title });

/** What the person types, and every reply they read to it, in order. */
const conversation: [string, string[]][] = [
    ['the app keeps saying my pin is wrong but i know its right', [fillTemplate(replies.confirmSymptom, { confirm: symptom.confirm })]],
    ['yep thats it', [aboutSymptom(knowledge, 'code_not_accepted'), article.questions.find((q) => q.id === 'software_up_to_date')!.prompt]],
    ['no idea tbh', [step(1, 're_enter_code')]],
    ['why would that help, i typed it right', [answerWhy(knowledge, 'code_not_accepted'), `${step(1, 're_enter_code')}. ${replies.stepCard.question}`]],
    ['did it again, same error', [step(2, 'check_updates')]],
    ['updating now, one sec', [replies.understanding.takeYourTime]],
    ['finally, it let me in', [replies.resolved, replies.feedbackPrompt]],
    ['👍 but you asked a lot', [replies.understanding.commentThanks]]
];

const read = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? a.summary ?? '');

describe('an English conversation with German loaded', function () {
    this.timeout(60_000);

    it('the harness: German is loaded, and every English reply is the English text', async () => {
        expect(de.replies.resolved, 'German content is there to be confused with').not.to.equal(replies.resolved);
        const c = startConversation('webchat');
        for (const [text, expected] of conversation) expect(read(await c.say(text)), text).to.deep.equal(expected);
        const cases = (await c.feedback.readAll()).filter((r): r is Extract<FeedbackRecord, { kind: 'case' }> => r.kind === 'case');
        expect(cases[0]).to.deep.include({ outcome: 'resolved', language: 'en' });
    });

    describe('over HTTP, the language chosen by the bot', () => {
        let bot: RunningBot;
        before(async () => {
            bot = await startTestBot();
        });
        after(async () => bot?.stop());

        it('every reply is the English text', async () => {
            const shape = webChatShape();
            const chat = conversationOn(bot.url, shape);
            for (const [text, expected] of conversation) expect(read(await chat.say(shape.message(text))), text).to.deep.equal(expected);
        });
    });
});
