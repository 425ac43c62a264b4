// How diagnostic answers turn a symptom's steps into the fixes a person is given, on a small
// made-up article so each rule is visible, then on the real one.
import { expect } from 'chai';
import { loadKnowledge } from '../../knowledge/load';
import { answerCombinations, planSteps } from '../../knowledge/planSteps';
import { articleSchema, type Article, type Symptom } from '../../knowledge/schema';

const step = (id: string) => ({ id, title: id, instructions: `Do ${id}.`, basis: 'test' });
const answer = (id: string, effect: { skip?: string[]; first?: string[] } = {}) => ({ id, label: id, effect });

/** Symptom `broken` has steps a..e; `other` has f. Its questions move and drop steps. */
const article: Article = articleSchema.parse({
    id: 'test_article',
    title: 'Test',
    source: 'test',
    summary: 'test',
    rootCauses: [{ id: 'cause', title: 'Cause', advice: 'Advice.', inWords: 'a cause' }],
    symptoms: [
        { id: 'broken', title: 'Broken', label: 'Broken', primarySuspect: 'x', likelyCause: 'x', rootCauses: ['cause'], difficulty: 1, confirm: 'Broken?', questions: ['q1', 'q2'], steps: ['a', 'b', 'c', 'd', 'e'] },
        { id: 'other', title: 'Other', label: 'Other', primarySuspect: 'y', likelyCause: 'y', rootCauses: ['cause'], difficulty: 1, confirm: 'Other?', questions: ['q3'], steps: ['f'] }
    ],
    questions: [
        { id: 'q1', basis: 't', prompt: 'q1?', answers: [answer('none'), answer('d_first', { first: ['d'] }), answer('skip_b', { skip: ['b'] }), answer('e_then_c', { first: ['e', 'c'] })] },
        { id: 'q2', basis: 't', prompt: 'q2?', answers: [answer('none'), answer('c_first', { first: ['c'] }), answer('skip_d', { skip: ['d'] }), answer('foreign', { first: ['f', 'zzz'], skip: ['zzz'] })] },
        { id: 'q3', basis: 't', prompt: 'q3?', answers: [answer('skip_a', { skip: ['a'] }), answer('a_first', { first: ['a'] })] }
    ],
    steps: ['a', 'b', 'c', 'd', 'e', 'f'].map(step),
    escalation: { basis: 'test', advice: 'Call someone.' }
});
const broken: Symptom = article.symptoms[0]!;

describe('planSteps', () => {
    it("keeps the symptom's order when no answer changes anything", () => {
        expect(planSteps(article, broken, {})).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
        expect(planSteps(article, broken, { q1: 'none', q2: 'none' })).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    });

    it("puts an answer's first step first and keeps the rest in the symptom's order", () => {
        expect(planSteps(article, broken, { q1: 'd_first' })).to.deep.equal(['d', 'a', 'b', 'c', 'e']);
    });

    it("puts several first steps first in the order the answer lists them", () => {
        expect(planSteps(article, broken, { q1: 'e_then_c' })).to.deep.equal(['e', 'c', 'a', 'b', 'd']);
    });

    it("puts first steps in the order of the symptom's questions, not of the answers object", () => {
        expect(planSteps(article, broken, { q2: 'c_first', q1: 'd_first' })).to.deep.equal(['d', 'c', 'a', 'b', 'e']);
    });

    it('gives a step that two answers put first only once', () => {
        expect(planSteps(article, broken, { q1: 'e_then_c', q2: 'c_first' })).to.deep.equal(['e', 'c', 'a', 'b', 'd']);
    });

    it('drops skipped steps', () => {
        expect(planSteps(article, broken, { q1: 'skip_b' })).to.deep.equal(['a', 'c', 'd', 'e']);
        expect(planSteps(article, broken, { q1: 'skip_b', q2: 'skip_d' })).to.deep.equal(['a', 'c', 'e']);
    });

    it('drops a skipped step even when another answer puts it first', () => {
        expect(planSteps(article, broken, { q1: 'd_first', q2: 'skip_d' })).to.deep.equal(['a', 'b', 'c', 'e']);
    });

    it("never adds a step that is not the symptom's, even when an answer names one", () => {
        const plan = planSteps(article, broken, { q2: 'foreign' });
        expect(plan).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    });

    it("ignores answers to questions the symptom does not ask, and answer ids the question does not have", () => {
        expect(planSteps(article, broken, { q3: 'a_first' })).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
        expect(planSteps(article, broken, { q1: 'maybe' })).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    });

    it('lists every combination of answers to the symptom\'s questions', () => {
        const combinations = answerCombinations(article, broken);
        expect(combinations).to.have.length(16);
        expect(combinations[0]).to.deep.equal({ q1: 'none', q2: 'none' });
        expect(combinations).to.deep.include({ q1: 'e_then_c', q2: 'foreign' });
    });

    describe('on the shipped article', () => {
        let real: Article;
        before(() => { real = loadKnowledge().articles[0]!; });
        const symptom = (id: string) => real.symptoms.find((s) => s.id === id)!;

        it('skips checking for updates when the software is up to date', () => {
            expect(planSteps(real, symptom('code_not_accepted'), { software_up_to_date: 'yes' })).to.deep.equal([
                're_enter_code',
                'review_security_code',
                'reset_app'
            ]);
        });

        it('checks for updates first when the software is not up to date', () => {
            expect(planSteps(real, symptom('code_not_accepted'), { software_up_to_date: 'no' })).to.deep.equal([
                'check_updates',
                're_enter_code',
                'review_security_code',
                'reset_app'
            ]);
        });

        it('goes to the network first when notifications are on but the internet is not', () => {
            expect(planSteps(real, symptom('notifications_not_received'), { notifications_enabled: 'yes', internet_ok: 'no' })).to.deep.equal([
                'check_network',
                'check_updates',
                'reset_app'
            ]);
        });
    });
});
