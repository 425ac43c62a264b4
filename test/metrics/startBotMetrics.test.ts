// The wiring as it ships: startBot itself (STORAGE=memory, a free port) serves /metrics, and a
// resolved troubleshooting path over HTTP moves the counters.
import { expect } from 'chai';
import type { RunningBot } from '../../bot/startBot';
import type { StepOutcome } from '../../dialogs/caseFile';
import { findSymptom } from '../../knowledge/lookup';
import { loadKnowledge } from '../../knowledge/load';
import { planSteps } from '../../knowledge/planSteps';
import { startTestBot, visible } from '../http/botServer';
import { HttpConversation } from './httpConversation';
import { delta, parsePromText } from './promText';

describe('metrics: startBot serves /metrics', function () {
    this.timeout(30_000);
    let bot: RunningBot;

    before(async () => {
        bot = await startTestBot({ NODE_ENV: 'test' });
    });
    after(async () => {
        await bot?.stop(1000);
    });

    const scrape = async () => parsePromText(await (await fetch(`${bot.url}/metrics`)).text());

    it('counts the turns, the resolved case, its steps and the rating', async () => {
        const knowledge = loadKnowledge();
        const { replies } = knowledge;
        const { article, symptom } = findSymptom(knowledge, 'code_not_accepted');
        const plan = planSteps(article, symptom, { software_up_to_date: 'yes' });
        const before = await scrape();

        const conversation = new HttpConversation(bot.url);
        const say = async (text: string) => visible(await conversation.say(text));
        expect(await say('security code not accepted')).to.include(symptom.confirm);
        await say(replies.answers.confirm.yes.label);
        await say('Yes'); // the software is up to date
        const outcomes: StepOutcome[] = ['notWorked', 'worked'];
        let reply = '';
        for (const outcome of outcomes) reply = await say(replies.answers.step[outcome].label);
        expect(reply).to.include(replies.resolved);
        await say(replies.answers.feedback.good.label);

        const after = await scrape();
        const moved = (name: string, labels: Record<string, string> = {}) => delta(before, after, name, labels);
        expect(moved('bot_turns_total', { type: 'message' })).to.equal(conversation.messagesSent);
        expect(moved('bot_turn_duration_seconds_count', { type: 'message' })).to.equal(conversation.messagesSent);
        expect(moved('bot_cases_total', { outcome: 'resolved', symptom: 'code_not_accepted' })).to.equal(1);
        expect(moved('bot_fix_step_outcomes_total', { symptom: 'code_not_accepted', step: plan[0]!, outcome: 'notWorked' })).to.equal(1);
        expect(moved('bot_fix_step_outcomes_total', { symptom: 'code_not_accepted', step: plan[1]!, outcome: 'worked' })).to.equal(1);
        expect(moved('bot_fix_steps_tried_total', { symptom: 'code_not_accepted', step: plan[0]! })).to.equal(1);
        expect(moved('bot_feedback_ratings_total', { rating: 'good' })).to.equal(1);
        expect(after.get('process_resident_memory_bytes')).to.be.greaterThan(0);
    });
});
