// The language of the conversation, through the real server: chosen by the text of the first
// message whatever the channel's locale, kept for short replies, switched on request, and the
// same English bot for English speakers.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/startBot';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledgeBase } from '../../knowledge/load';
import { conversationOn, emulatorShape, startTestBot, teamsShape, visible, webChatShape } from '../http/botServer';

const { en, de } = loadKnowledgeBase();
const confirmOf = (knowledge: typeof en, symptom: string) =>
    fillTemplate(knowledge.replies.confirmSymptom, { confirm: knowledge.articles[0]!.symptoms.find((s) => s.id === symptom)!.confirm });

describe('the language of a conversation, over HTTP', function () {
    this.timeout(60_000);
    let bot: RunningBot;
    before(async () => {
        bot = await startTestBot();
    });
    after(async () => bot?.stop());

    const said = (replies: Partial<Activity>[]) => replies.filter((a) => a.type === 'message').map((a) => a.text);

    it('answers a German message in German although the channel says en-US, and keeps German for "ok" and "ja"', async () => {
        const shape = webChatShape();
        const chat = conversationOn(bot.url, shape);
        expect(said(await chat.say(shape.message('Mein Sicherheitscode wird nicht akzeptiert')))).to.deep.equal([confirmOf(de, 'code_not_accepted')]);
        const afterYes = said(await chat.say(shape.message('ja')));
        expect(afterYes[0]).to.match(/^Das lässt sich meist schnell beheben\./);
        expect(afterYes.at(-1)).to.equal(de.articles[0]!.questions.find((q) => q.id === 'software_up_to_date')!.prompt);
    });

    it('answers an English message in English although the channel says de-DE', async () => {
        const shape = webChatShape();
        const chat = conversationOn(bot.url, { ...shape, base: { ...shape.base, locale: 'de-DE' } });
        expect(said(await chat.say(shape.message('my security code is not accepted')))).to.deep.equal([confirmOf(en, 'code_not_accepted')]);
    });

    it('takes the locale for a first message that could be either language', async () => {
        const shape = teamsShape('personal');
        const chat = conversationOn(bot.url, { ...shape, base: { ...shape.base, locale: 'de-DE' } });
        // Teams draws the greeting's choices as a card, so the greeting is read from what the person sees.
        expect(visible(await chat.say(shape.message('hallo')))).to.include(de.replies.greeting);
    });

    it('switches language when asked, asks the open question again, and goes on in the new language', async () => {
        const shape = emulatorShape();
        const chat = conversationOn(bot.url, shape);
        await chat.say(shape.message('die App verbindet sich nicht mit meinem Auto'));
        const switched = said(await chat.say(shape.message('English please')));
        expect(switched).to.deep.equal([en.replies.languageChosen, confirmOf(en, 'app_not_connecting')]);
        const next = said(await chat.say(shape.message('yes')));
        expect(next[0]).to.match(/^That one can take a few minutes to sort out\./);
        const back = said(await chat.say(shape.message('auf Deutsch bitte')));
        const bluetooth = de.articles[0]!.questions.find((q) => q.id === 'bluetooth_on')!.prompt;
        expect(back).to.deep.equal([de.replies.languageChosen, bluetooth]);
    });
});
