// The knowledge base as shipped: it loads, and it says what the article says.
import { expect } from 'chai';
import { loadKnowledge, type Knowledge } from '../../knowledge/load';
import { answerCombinations, planSteps } from '../../knowledge/planSteps';
import { conversationIntents, outOfScopeIntent, type Article } from '../../knowledge/schema';

describe('the shipped knowledge base', () => {
    let knowledge: Knowledge;
    let article: Article;

    before(() => {
        knowledge = loadKnowledge();
        article = knowledge.articles[0]!;
    });

    it('loads without problems', () => {
        expect(() => loadKnowledge()).not.to.throw();
        expect(knowledge.articles.map((a) => a.id)).to.deep.equal(['bmw_connected_security_code']);
    });

    it("has the article's four symptoms with their difficulty and primary suspect", () => {
        expect(article.symptoms.map(({ id, difficulty, primarySuspect }) => ({ id, difficulty, primarySuspect }))).to.deep.equal([
            { id: 'code_not_accepted', difficulty: 2, primarySuspect: 'incorrect entry' },
            { id: 'app_not_connecting', difficulty: 3, primarySuspect: 'a software glitch' },
            { id: 'security_features_disabled', difficulty: 4, primarySuspect: 'a configuration error' },
            { id: 'notifications_not_received', difficulty: 3, primarySuspect: 'a connectivity issue' }
        ]);
    });

    it("has the five-step fix: four steps to try, then contacting support as the escalation", () => {
        const fix = article.steps.filter((s) => s.basis.startsWith('Step-by-step fix'));
        expect(fix.map((s) => [s.basis, s.id, s.title])).to.deep.equal([
            ['Step-by-step fix, 1. Reset the App', 'reset_app', 'Reset the app'],
            ['Step-by-step fix, 2. Check for Updates', 'check_updates', 'Check for updates'],
            ['Step-by-step fix, 3. Re-enter Security Code', 're_enter_code', 'Re-enter the security code'],
            ['Step-by-step fix, 4. Reconnect Bluetooth', 'reconnect_bluetooth', 'Reconnect Bluetooth']
        ]);
        expect(article.escalation.basis).to.equal('Step-by-step fix, 5. Contact Support');
        expect(article.escalation.advice).to.match(/BMW customer support/);
    });

    it("reminds people not to share their code on the steps where they handle it", () => {
        expect(article.steps.filter((s) => s.remindNotToShareCode).map((s) => s.id)).to.deep.equal([
            're_enter_code',
            'review_security_code'
        ]);
    });

    it('gives every symptom a fix step to try for every combination of answers', () => {
        for (const symptom of article.symptoms) {
            const combinations = answerCombinations(article, symptom);
            const expected = symptom.questions.reduce((n, q) => n * article.questions.find((x) => x.id === q)!.answers.length, 1);
            expect(combinations, symptom.id).to.have.length(expected);
            for (const answers of combinations) {
                const plan = planSteps(article, symptom, answers);
                const path = `${symptom.id} with ${JSON.stringify(answers)}`;
                expect(plan, path).to.not.be.empty;
                expect(symptom.steps, path).to.include.members(plan);
                expect(new Set(plan).size, `${path} repeats a step`).to.equal(plan.length);
            }
        }
    });

    it('has example utterances for every symptom, conversation intent and out-of-scope', () => {
        const intents = knowledge.intents.map((i) => i.intent).sort();
        const needed = [...article.symptoms.map((s) => s.id), ...conversationIntents, outOfScopeIntent].sort();
        expect(intents).to.deep.equal(needed);
    });
});
