// GET /metrics on the real server: walk troubleshooting paths over HTTP (expectReplies), scrape,
// and check that every counter moved by exactly what the conversations did.
import { expect } from 'chai';
import { trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import { fixedQuestions } from '../../bot/report/replyQuestions';
import type { RunningBot } from '../../bot/startBot';
import { stepOutcomes, type StepOutcome } from '../../dialogs/caseFile';
import { bandOf } from '../../dialogs/confidenceBands';
import { digressionKinds, replyUnderstandings, type DigressionKind, type FeedbackRecord, type ReplyUnderstanding } from '../../dialogs/feedbackRecord';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledge } from '../../knowledge/load';
import { allSymptoms, findSymptom } from '../../knowledge/lookup';
import { planSteps, type DiagnosticAnswers } from '../../knowledge/planSteps';
import { startTestBot, visible } from '../http/botServer';
import { HttpConversation } from './httpConversation';
import { delta, parsePromText, type Samples } from './promText';

describe('metrics: GET /metrics', function () {
    this.timeout(30_000);
    let bot: RunningBot;
    const knowledge = loadKnowledge();
    const sent: string[] = [];

    before(async () => {
        bot = await startTestBot({ NODE_ENV: 'test' });
    });
    after(async () => {
        await bot?.stop(1000);
    });

    async function scrape(): Promise<Samples> {
        const response = await fetch(`${bot.url}/metrics`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
        return parsePromText(await response.text());
    }

    /** A conversation that remembers every text it sent, for the intent and turn counts. */
    function converse() {
        const conversation = new HttpConversation(bot.url);
        return {
            async say(text: string) {
                sent.push(text);
                return visible(await conversation.say(text));
            }
        };
    }

    /** Opens a case for the symptom and answers its questions; returns the plan and the first step's reply. */
    async function openCase(say: (text: string) => Promise<string>, symptomId: string, answers: DiagnosticAnswers) {
        const { article, symptom } = findSymptom(knowledge, symptomId);
        const { replies } = knowledge;
        const opening = knowledge.intents.find((i) => i.intent === symptomId)!.utterances.find((u) => u.toLowerCase() !== symptom.label.toLowerCase())!;
        expect(await say(opening)).to.include(symptom.confirm);
        let reply = await say(replies.answers.confirm.yes.label);
        if (symptom.difficulty >= 4) reply = await say(replies.answers.earlyHelp.tryFixes.label);
        for (const questionId of symptom.questions) {
            const question = article.questions.find((q) => q.id === questionId)!;
            expect(reply).to.include(question.prompt);
            reply = await say(question.answers.find((a) => a.id === answers[questionId])!.label);
        }
        const plan = planSteps(article, symptom, answers);
        const title = (id: string) => article.steps.find((s) => s.id === id)!.title;
        expect(reply).to.include(fillTemplate(replies.stepCard.heading, { number: 1, total: plan.length, title: title(plan[0]!) }));
        return plan;
    }

    it('counts turns, latency, intents, fallbacks, handoffs, case outcomes, fix steps and ratings', async () => {
        // The same classifier the bot trains at start-up (fixed seeds), to predict what it makes of each message.
        const classifier = trainFromKnowledge(knowledge);
        const { replies } = knowledge;
        const stepLabel = (outcome: StepOutcome) => replies.answers.step[outcome].label;
        const before = await scrape();

        // 1. Code not accepted, software not up to date: four steps, the last one works; rated good.
        const resolved = converse();
        const resolvedPlan = await openCase(resolved.say, 'code_not_accepted', { software_up_to_date: 'no' });
        const resolvedOutcomes: StepOutcome[] = ['notWorked', 'alreadyTried', 'cannotDo', 'worked'];
        expect(resolvedPlan).to.have.length(resolvedOutcomes.length);
        let reply = '';
        for (const outcome of resolvedOutcomes) reply = await resolved.say(stepLabel(outcome));
        expect(reply).to.include(replies.resolved).and.include(replies.feedbackPrompt);
        expect(await resolved.say(replies.answers.feedback.good.label)).to.include(replies.feedbackThanks);

        // 2. App not connecting: one step does not work, then the person asks for a person.
        const asked = converse();
        const askedPlan = await openCase(asked.say, 'app_not_connecting', { bluetooth_on: 'yes', internet_ok: 'yes', permissions_granted: 'yes' });
        await asked.say(stepLabel('notWorked'));
        // Nobody is listed as an agent here, so no transfer is announced: the person is told nobody is available.
        expect(await asked.say('I want to talk to a person')).to.include(replies.handoff.nobodyOnDuty);

        // 3. Security features disabled: every step fails, the person accepts the offer of a human.
        const exhausted = converse();
        const exhaustedPlan = await openCase(exhausted.say, 'security_features_disabled', { software_up_to_date: 'yes' });
        for (const _ of exhaustedPlan) reply = await exhausted.say(stepLabel('notWorked'));
        expect(reply).to.include(findSymptom(knowledge, 'security_features_disabled').article.escalation.advice);
        expect(await exhausted.say(replies.answers.escalate.yes.label)).to.include(replies.handoff.nobodyOnDuty);

        // 4. No notifications: one step fails, the person cancels with the next one open.
        const abandoned = converse();
        const abandonedPlan = await openCase(abandoned.say, 'notifications_not_received', { notifications_enabled: 'yes', internet_ok: 'yes' });
        expect(abandonedPlan.length).to.be.greaterThan(1);
        await abandoned.say(stepLabel('notWorked'));
        expect(await abandoned.say('cancel')).to.include(replies.cancelled);

        // 5. Two messages the bot cannot place: rephrase, then the menu.
        const lost = converse();
        expect(await lost.say('qwxzv')).to.include(replies.rephrase);
        expect(await lost.say('blorp florp')).to.include(replies.menuPrompt);

        const after = await scrape();
        const moved = (name: string, labels: Record<string, string> = {}) => delta(before, after, name, labels);

        // Turns and latency: one message turn per text sent.
        expect(moved('bot_turns_total', { type: 'message' })).to.equal(sent.length);
        expect(moved('bot_turn_duration_seconds_count', { type: 'message' })).to.equal(sent.length);
        expect(moved('bot_turn_duration_seconds_sum', { type: 'message' })).to.be.greaterThan(0);
        expect(moved('bot_turn_duration_seconds_bucket', { type: 'message', le: '+Inf' })).to.equal(sent.length);
        expect(moved('bot_turn_errors_total', { type: 'message' })).to.equal(0);

        // Intents and bands: every message is classified once, as the classifier says.
        const symptomIds = new Set(allSymptoms(knowledge).map((s) => s.id));
        const expected = new Map<string, { intent: string; band: string; count: number }>();
        for (const text of sent) {
            const classification = classifier.classify(text);
            const band = bandOf(classification, symptomIds);
            const key = `${classification.intent}/${band}`;
            expected.set(key, { intent: classification.intent, band, count: (expected.get(key)?.count ?? 0) + 1 });
        }
        for (const { intent, band, count } of expected.values()) expect(moved('bot_intents_total', { intent, band }), `${intent}/${band}`).to.equal(count);
        expect(moved('bot_intents_total', { intent: 'code_not_accepted', band: 'high' })).to.be.at.least(1);

        // Fallbacks: the two messages the router could not place, not every low-confidence answer.
        expect(moved('bot_fallbacks_total')).to.equal(2);
        expect(moved('bot_intents_total', { intent: 'none', band: 'low' })).to.be.greaterThan(2);

        expect(moved('bot_handoffs_total', { reason: 'asked' })).to.equal(1);
        expect(moved('bot_handoffs_total', { reason: 'stepsExhausted' })).to.equal(1);
        expect(moved('bot_handoffs_total', { reason: 'fallback' })).to.equal(0);
        expect((await bot.desk.read()).waiting.map((w) => w.summary.reason)).to.deep.equal(['asked', 'stepsExhausted']);

        expect(moved('bot_cases_total', { outcome: 'resolved', symptom: 'code_not_accepted' })).to.equal(1);
        expect(moved('bot_cases_total', { outcome: 'escalated', symptom: 'app_not_connecting' })).to.equal(1);
        expect(moved('bot_cases_total', { outcome: 'escalated', symptom: 'security_features_disabled' })).to.equal(1);
        expect(moved('bot_cases_total', { outcome: 'abandoned', symptom: 'notifications_not_received' })).to.equal(1);
        expect(moved('bot_cases_total', { outcome: 'declined', symptom: 'code_not_accepted' })).to.equal(0);

        // Fix steps: what each case was given and how each step ended.
        const steps = new Map<string, number>();
        const expectStep = (symptom: string, step: string, outcome: string) => steps.set(`${symptom}|${step}|${outcome}`, (steps.get(`${symptom}|${step}|${outcome}`) ?? 0) + 1);
        resolvedPlan.forEach((step, i) => expectStep('code_not_accepted', step, resolvedOutcomes[i]!));
        expectStep('app_not_connecting', askedPlan[0]!, 'notWorked');
        exhaustedPlan.forEach((step) => expectStep('security_features_disabled', step, 'notWorked'));
        expectStep('notifications_not_received', abandonedPlan[0]!, 'notWorked');
        expectStep('notifications_not_received', abandonedPlan[1]!, 'abandoned');
        for (const symptom of allSymptoms(knowledge)) {
            for (const step of symptom.steps) {
                let tried = 0;
                for (const outcome of [...stepOutcomes, 'abandoned']) {
                    const count = steps.get(`${symptom.id}|${step}|${outcome}`) ?? 0;
                    tried += count;
                    expect(moved('bot_fix_step_outcomes_total', { symptom: symptom.id, step, outcome }), `${symptom.id}/${step}/${outcome}`).to.equal(count);
                }
                expect(moved('bot_fix_steps_tried_total', { symptom: symptom.id, step }), `${symptom.id}/${step} tried`).to.equal(tried);
            }
        }

        expect(moved('bot_feedback_ratings_total', { rating: 'good' })).to.equal(1);
        expect(moved('bot_feedback_ratings_total', { rating: 'bad' })).to.equal(0);
        // The records the counters came from are the ones the log holds.
        const records = await bot.feedback.readAll();
        expect(records.filter((r) => r.kind === 'case').map((r) => r.kind === 'case' && r.outcome)).to.deep.equal(['resolved', 'escalated', 'escalated', 'abandoned']);
    });

    it('counts replies to questions by question, understanding and digression, with labels from closed sets only', async () => {
        // The dialogs write these records through bot.feedback, the same metered sink used here;
        // appending them directly pins the counter to the record, whichever dialog writes it.
        const at = new Date().toISOString();
        const reply = (question: string, understood: ReplyUnderstanding, digression?: DigressionKind): FeedbackRecord => ({
            kind: 'reply',
            caseId: 'metrics-replies',
            at,
            symptom: 'code_not_accepted',
            question,
            understood,
            ...(digression ? { digression } : {})
        });
        const before = await scrape();
        for (const record of [
            reply('confirmSymptom', 'button'),
            reply('software_up_to_date', 'text'),
            reply('re_enter_code', 'refused'),
            reply('re_enter_code', 'refused'),
            reply('re_enter_code', 'confirmed'),
            reply('re_enter_code', 'digression', 'why'),
            reply('re_enter_code', 'digression'),
            // Ids no knowledge or dialog defines, one of them shaped to break the exposition format.
            reply('made_up_question', 'refused'),
            reply('x"} 1\nbot_pwned_total 1\n#', 'refused')
        ]) {
            await bot.feedback.append(record);
        }
        // A record the log rejects is not counted.
        const invalid = { ...reply('re_enter_code', 'refused'), understood: 'maybe' } as unknown as FeedbackRecord;
        let rejected = false;
        await bot.feedback.append(invalid).catch(() => (rejected = true));
        expect(rejected).to.equal(true);

        const text = await (await fetch(`${bot.url}/metrics`)).text();
        const after = parsePromText(text);
        const moved = (labels: Record<string, string>) => delta(before, after, 'bot_replies_total', labels);
        expect(moved({ question: 'confirmSymptom', understood: 'button', digression: 'none' })).to.equal(1);
        expect(moved({ question: 'software_up_to_date', understood: 'text', digression: 'none' })).to.equal(1);
        expect(moved({ question: 're_enter_code', understood: 'refused', digression: 'none' })).to.equal(2);
        expect(moved({ question: 're_enter_code', understood: 'confirmed', digression: 'none' })).to.equal(1);
        expect(moved({ question: 're_enter_code', understood: 'digression', digression: 'why' })).to.equal(1);
        expect(moved({ question: 're_enter_code', understood: 'digression', digression: 'other' })).to.equal(1);
        expect(moved({ question: 'other', understood: 'refused', digression: 'none' })).to.equal(2);

        const questions = new Set(['other', ...fixedQuestions, ...knowledge.articles.flatMap((a) => [...a.questions.map((q) => q.id), ...a.steps.map((st) => st.id)])]);
        const series = [...after.keys()].filter((k) => k.startsWith('bot_replies_total{'));
        expect(series.length).to.be.at.least(7);
        for (const key of series) {
            const labels = Object.fromEntries([...key.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
            expect(questions.has(labels.question!), key).to.equal(true);
            expect([...replyUnderstandings, 'other']).to.include(labels.understood);
            expect([...digressionKinds, 'none', 'other']).to.include(labels.digression);
        }
        expect(text).not.to.include('bot_pwned');
        expect(text).not.to.include('made_up_question');
    });

    it('serves Node process metrics and starts known series at zero', async () => {
        const samples = await scrape();
        expect(samples.get('process_resident_memory_bytes')).to.be.greaterThan(0);
        expect(samples.has('nodejs_eventloop_lag_seconds')).to.equal(true);
        expect(samples.get('bot_handoffs_total{reason="difficulty"}')).to.equal(0);
        expect(samples.has('bot_fix_steps_tried_total{step="reset_app",symptom="code_not_accepted"}')).to.equal(true);
        expect(samples.has('bot_cases_total{outcome="declined",symptom="none"}')).to.equal(true);
    });
});
