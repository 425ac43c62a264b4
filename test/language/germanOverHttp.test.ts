// A full German conversation through the real server, which chooses the language of every
// message itself (the channel says en-US): short German answers ("jep", "ok", "ja") keep it
// German to the end, every reply exactly the German text.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/startBot';
import { aboutSymptom } from '../../dialogs/digressions';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledgeBase } from '../../knowledge/load';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { conversationOn, startTestBot, webChatShape } from '../http/botServer';

const { de: knowledge } = loadKnowledgeBase();
const { replies } = knowledge;
const { article, symptom } = findSymptom(knowledge, 'code_not_accepted');
const step = (n: number, id: string) => fillTemplate(replies.stepCard.heading, { number: n, total: 4, title: findStep(article, id).title });

const conversation: [string, string[]][] = [
    ['Mein Sicherheitscode wird immer abgelehnt', [fillTemplate(replies.confirmSymptom, { confirm: symptom.confirm })]],
    ['jep', [aboutSymptom(knowledge, 'code_not_accepted'), article.questions.find((q) => q.id === 'software_up_to_date')!.prompt]],
    ['weiß nicht', [step(1, 're_enter_code')]],
    ['geht immer noch nicht', [step(2, 'check_updates')]],
    ['ok', [replies.understanding.confirmWorked]],
    ['ja', [replies.resolved, replies.feedbackPrompt]],
    ['super', [`${replies.feedbackThanks} ${replies.understanding.commentPrompt}`]]
];

const read = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? a.summary ?? '');

describe('a German conversation over HTTP', function () {
    this.timeout(60_000);
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    it('every reply is the German text, to the end', async () => {
        const shape = webChatShape();
        const chat = conversationOn(bot.url, shape);
        for (const [text, expected] of conversation) expect(read(await chat.say(shape.message(text))), text).to.deep.equal(expected);
    });
});
