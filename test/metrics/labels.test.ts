// Every label value comes from a closed set: whatever reaches the recorders, the series are the
// ones known at start, plus `other`.
import { expect } from 'chai';
import { BotMetrics } from '../../bot/metrics';
import { loadKnowledge } from '../../knowledge/load';
import { parsePromText } from './promText';

describe('metrics: bounded labels', () => {
    const knowledge = loadKnowledge();
    const series = async (metrics: BotMetrics) => [...parsePromText(await metrics.scrape()).keys()];

    it('counts unknown activity types, intents and bands as other, and known ones as themselves', async () => {
        const metrics = new BotMetrics({ knowledge, defaultMetrics: false });
        metrics.recordTurn('message', 0.01, false, { intent: 'code_not_accepted', band: 'high' });
        metrics.recordTurn('someone@example.com', 0.01, true, { intent: 'x'.repeat(300), band: 'very-high' });
        metrics.recordTurn('__proto__', 0.01, false);
        const keys = await series(metrics);
        expect(keys).to.include('bot_turns_total{type="message"}').and.include('bot_turns_total{type="other"}');
        expect(keys).to.include('bot_intents_total{band="high",intent="code_not_accepted"}').and.include('bot_intents_total{band="other",intent="other"}');
        expect(keys).to.include('bot_turn_errors_total{type="other"}');
        expect(keys.join('\n')).to.not.match(/example\.com|xxxx|very-high|__proto__/);
    });

    it('keeps case, step and rating labels to the knowledge base and the fixed outcomes', async () => {
        const metrics = new BotMetrics({ knowledge, defaultMetrics: false });
        const before = (await series(metrics)).length;
        metrics.recordFeedback({ kind: 'case', outcome: 'resolved', symptom: 'made_up_symptom', steps: [{ id: 'made_up_step', outcome: 'worked' }], answers: {} } as never);
        metrics.recordFeedback({ kind: 'case', outcome: 'resolved', symptom: 'code_not_accepted', steps: [{ id: 'made_up_step', outcome: 'worked' }], answers: {} } as never);
        metrics.recordHandoff('because I said so');
        const keys = await series(metrics);
        expect(keys).to.include('bot_cases_total{outcome="resolved",symptom="other"}');
        expect(keys).to.include('bot_fix_step_outcomes_total{outcome="worked",step="other",symptom="code_not_accepted"}');
        expect(keys).to.include('bot_handoffs_total{reason="other"}');
        expect(keys.join('\n')).to.not.match(/made_up|said so/);
        // A handful of `other` series, however many made-up values arrive.
        for (let i = 0; i < 1000; i++) metrics.recordTurn(`type-${i}`, 0.001, false, { intent: `intent-${i}`, band: `band-${i}` });
        expect((await series(metrics)).length - before).to.be.below(40);
    });
});
