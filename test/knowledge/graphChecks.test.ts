// What the schema cannot see: ids that point nowhere, content nobody reaches, paths that end
// without a fix, training examples that contradict each other, replies with unfilled
// placeholders. One defect per fixture, so each must produce exactly the lines asserted.
import { expect } from 'chai';
import { loadKnowledge } from '../../knowledge/load';
import {
    articleFile,
    brokenKnowledge,
    copyKnowledge,
    fileLabel,
    intentFile,
    problemsOf,
    removeFile,
    removeFixtures,
    repliesFile,
    writeYaml,
    type Yaml
} from './fixtures';

/** Index of the entry with this id in a list of the article (steps, questions, symptoms). */
const indexOf = (list: Yaml[], id: string): number => {
    const i = list.findIndex((x: Yaml) => x.id === id);
    if (i < 0) throw new Error(`the real article has no '${id}'`);
    return i;
};

describe('knowledge graph checks', () => {
    after(removeFixtures);

    describe('ids that point nowhere', () => {
        it('reports a symptom listing a step id no step has', () => {
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                at = `symptoms.0.steps.${a.symptoms[0].steps.push('restart_phone') - 1}`;
            });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: ${at}: no step has the id 'restart_phone'`]);
        });

        it('reports a symptom asking a question id no question has', () => {
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                at = `symptoms.0.questions.${a.symptoms[0].questions.push('engine_running') - 1}`;
            });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: ${at}: no question has the id 'engine_running'`]);
        });

        it("reports an answer whose effect names a step that is not in the asking symptom's steps", () => {
            // notifications_enabled is asked only by notifications_not_received, which has no Bluetooth step.
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                const qi = indexOf(a.questions, 'notifications_enabled');
                const yes = a.questions[qi].answers[0];
                at = `questions.${qi}.answers.0.effect.skip.${yes.effect.skip.push('reconnect_bluetooth') - 1}`;
            });
            const problems = problemsOf(dir);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.equal(`${fileLabel(dir, articleFile)}: ${at}: step 'reconnect_bluetooth' is not one of the steps of symptom 'notifications_not_received'`);
        });
    });

    describe('content nobody reaches', () => {
        it('reports a step that no symptom uses', () => {
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                at = `steps.${a.steps.push({ id: 'restart_phone', title: 'Restart your phone', instructions: 'Turn it off and on.', basis: 'nowhere' }) - 1}`;
            });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: ${at}: step 'restart_phone' is not used by any symptom`]);
        });

        it('reports a question that is asked for no symptom', () => {
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                const question = {
                    id: 'engine_running',
                    basis: 'nowhere',
                    prompt: 'Is the engine running?',
                    answers: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }]
                };
                at = `questions.${a.questions.push(question) - 1}`;
            });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: ${at}: question 'engine_running' is not asked for any symptom`]);
        });

        it('reports a symptom with no intent file as unreachable', () => {
            const dir = copyKnowledge();
            removeFile(dir, intentFile('code_not_accepted'));
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, articleFile)}: symptoms.0: symptom 'code_not_accepted' cannot be reached: add ${fileLabel(dir, 'intents')}/code_not_accepted.yaml with example utterances`
            ]);
        });
    });

    describe('paths through a symptom', () => {
        it('reports every combination of answers that leaves no fix step to try', () => {
            // Answering "notifications are on" would skip every step of notifications_not_received.
            let si = -1;
            const dir = brokenKnowledge(articleFile, (a) => {
                si = indexOf(a.symptoms, 'notifications_not_received');
                const question = a.questions[indexOf(a.questions, 'notifications_enabled')];
                question.answers.find((x: Yaml) => x.id === 'yes').effect = { skip: [...a.symptoms[si].steps] };
            });
            const leavesNothing = (path: string) =>
                `${fileLabel(dir, articleFile)}: symptoms.${si}: answering ${path} leaves no fix step to try: every path needs at least one before the offer of a human`;
            expect(problemsOf(dir)).to.deep.equal([
                leavesNothing('notifications_enabled=yes, internet_ok=yes'),
                leavesNothing('notifications_enabled=yes, internet_ok=no'),
                leavesNothing('notifications_enabled=yes, internet_ok=not_sure')
            ]);
        });
    });

    describe('duplicates', () => {
        it('reports a step id used twice', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.steps.push({ ...a.steps[0] }); });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: steps: id 'reset_app' is used twice`]);
        });

        it('reports a question id used twice', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.questions.push(structuredClone(a.questions[0])); });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: questions: id 'software_up_to_date' is used twice`]);
        });

        it('reports an answer id used twice in one question', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.questions[0].answers[2].id = 'no'; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: questions.0.answers: answer id 'no' is used twice`]);
        });

        it('reports a step listed twice by one symptom', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].steps.push(a.symptoms[0].steps[0]); });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.0.steps: step 're_enter_code' is listed twice`]);
        });

        it('reports an intent defined in two files', () => {
            const dir = copyKnowledge();
            writeYaml(dir, intentFile('thanks_more'), { intent: 'thanks', description: 'More thanks.', utterances: ['many thanks'] });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, intentFile('thanks_more'))}: intent: 'thanks' is also defined in ${fileLabel(dir, intentFile('thanks'))}`
            ]);
        });
    });

    describe('intents', () => {
        it('reports an intent that is neither a symptom, a conversation intent nor none', () => {
            const dir = copyKnowledge();
            writeYaml(dir, intentFile('weather'), { intent: 'weather', description: 'Asks about the weather.', utterances: ['will it rain today'] });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, intentFile('weather'))}: intent: 'weather' is neither a symptom id, a conversation intent (greeting, help, cancel, start_over, human_agent, thanks, goodbye) nor 'none'`
            ]);
        });

        it('reports a conversation intent with no examples file', () => {
            const dir = copyKnowledge();
            removeFile(dir, intentFile('goodbye'));
            const problems = problemsOf(dir);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.equal(`${fileLabel(dir, 'intents')}: (folder): intent 'goodbye' has no examples: add ${fileLabel(dir, 'intents')}/goodbye.yaml`);
        });

        it('reports the same utterance under two intents, ignoring case', () => {
            let at = '';
            const dir = brokenKnowledge(intentFile('thanks'), (i) => { at = `utterances.${i.utterances.push('Hello') - 1}`; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, intentFile('thanks'))}: ${at}: "Hello" is also an example of 'greeting'`]);
        });
    });

    describe('content the digressions answer from', () => {
        it('reports a symptom whose "why?" points at a root cause the article does not have', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].rootCauses = ['cosmic_rays']; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.0.rootCauses.0: no root cause has the id 'cosmic_rays', so "why?" would have no answer`]);
        });

        it('reports a symptom with no root cause at all', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[1].rootCauses = []; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.1.rootCauses: a symptom needs at least one root cause, so "why?" has an answer`]);
        });

        it('reports a symptom with no likely cause in words for the confirmation and "why?"', () => {
            const dir = brokenKnowledge(articleFile, (a) => { delete a.symptoms[2].likelyCause; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.2.likelyCause: Invalid input: expected string, received undefined`]);
        });

        it('reports an asked question whose answers put no step first, so "how do I check that?" has no instructions', () => {
            let at = '';
            const dir = brokenKnowledge(articleFile, (a) => {
                const qi = indexOf(a.questions, 'permissions_granted');
                at = `questions.${qi}`;
                for (const answer of a.questions[qi].answers) delete answer.effect;
                a.questions[qi].answers[0].effect = { skip: ['check_permissions'] };
            });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, articleFile)}: ${at}: no answer puts a step first, so "how do I check that?" would have no instructions to give: add effect.first to the answer that means it needs fixing`
            ]);
        });

        it('reports a related article with no words that name its topic', () => {
            const dir = brokenKnowledge(articleFile, (a) => { a.seeAlso[1].mentions = []; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: seeAlso.1.mentions: a related article needs words that name its topic`]);
        });

        it('reports a reply act that is not one the reply classifier knows, on an answer', () => {
            const dir = brokenKnowledge(repliesFile, (r) => { r.answers.step.worked.acts = ['fixed']; });
            expect(problemsOf(dir)[0]).to.match(/answers\.step\.worked\.acts\.0: Invalid option/);
        });
    });

    describe('reply placeholders', () => {
        it('reports a placeholder in a reply that is given none', () => {
            const dir = brokenKnowledge(repliesFile, (r) => { r.welcome = 'Hi {name}! What is happening?'; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, repliesFile)}: welcome: placeholder {name} is not filled here`]);
        });

        it('reports a placeholder a reply is not given and lists the ones it is', () => {
            const dir = brokenKnowledge(repliesFile, (r) => { r.stepCard.heading = 'Step {step} of {total}: {title}'; });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, repliesFile)}: stepCard.heading: placeholder {step} is not filled here (available: {number} {total} {title})`
            ]);
        });

        it('accepts the placeholders a reply is given', () => {
            const dir = brokenKnowledge(repliesFile, (r) => { r.handoffSummaryTitle = '{symptom}: case summary'; });
            expect(loadKnowledge(dir).replies.handoffSummaryTitle).to.equal('{symptom}: case summary');
        });
    });
});
