// The German knowledge against the English it translates (knowledge/checkTranslation.ts) and as
// the loader reads it (loadKnowledgeBase). One defect per fixture, so each must produce exactly
// the lines asserted; the fixture's German is otherwise complete (see translatedKnowledge).
import { expect } from 'chai';
import { isAgentOnlyReply, agentOnlyReplyPaths } from '../../knowledge/agentOnlyReplies';
import { checkTranslation } from '../../knowledge/checkTranslation';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledge, loadKnowledgeBase } from '../../knowledge/load';
import { articleFile, editYaml, fileLabel, intentFile, removeFile, removeFixtures, repliesFile, translatedKnowledge, writeYaml, type Yaml } from './fixtures';

const de = (file: string) => `de/${file}`;
const problemsOf = (dir: string) => checkTranslation(dir, 'de');

function loadProblems(dir: string): string[] {
    try {
        loadKnowledgeBase(dir);
    } catch (err) {
        if (err instanceof KnowledgeError) return err.problems;
        throw err;
    }
    throw new Error(`expected ${dir} to have problems, but it loaded cleanly`);
}

/** A complete German fixture with one German file changed. */
function brokenGerman(file: string, change: (data: Yaml) => void): string {
    const dir = translatedKnowledge();
    editYaml(dir, de(file), change);
    return dir;
}

describe('German knowledge', () => {
    after(removeFixtures);

    describe('a complete translation', () => {
        it('passes the translation check and loads in both languages', () => {
            const dir = translatedKnowledge();
            expect(problemsOf(dir)).to.deep.equal([]);
            const base = loadKnowledgeBase(dir);
            expect(base.en.language).to.equal('en');
            expect(base.de.language).to.equal('de');
            expect(base.de.articles[0]!.steps.find((s) => s.id === 'reset_app')!.title).to.equal('App zurücksetzen');
            expect(base.de.replies.stepCard.heading).to.equal('Schritt {number} von {total}: {title}');
        });

        it('keeps the agent desk in English and takes answer acts and the desk from English', () => {
            const base = loadKnowledgeBase(translatedKnowledge());
            expect(base.de.replies.handoff.agentHelp).to.equal(base.en.replies.handoff.agentHelp);
            expect(base.de.replies.handoff.agentCard).to.deep.equal(base.en.replies.handoff.agentCard);
            expect(base.de.replies.handoff.agentJoined).to.not.equal(base.en.replies.handoff.agentJoined);
            expect(base.de.replies.answers.step.worked.acts).to.deep.equal(['worked']);
            expect(base.de.replies.answers.step.worked.phrases).to.include('hat funktioniert');
            expect(base.de.desk).to.deep.equal(base.en.desk);
        });

        it('lists as agent-only only replies that exist in English', () => {
            const replies = loadKnowledge().replies as unknown as Record<string, unknown>;
            const at = (path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], replies);
            expect(agentOnlyReplyPaths.filter((p) => at(p) === undefined)).to.deep.equal([]);
            expect(isAgentOnlyReply('handoff.agentCard.title')).to.equal(true);
            expect(isAgentOnlyReply('handoff.agentJoined')).to.equal(false);
        });
    });

    describe('the translation check', () => {
        it('reports a German text that is missing', () => {
            const dir = brokenGerman(articleFile, (a) => { delete a.steps[1].instructions; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, de(articleFile))}: steps.1.instructions: missing German text`]);
        });

        it('reports a customer-facing reply the German file leaves out', () => {
            const dir = brokenGerman(repliesFile, (r) => { delete r.understanding.welcomeBack.resolved; });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, de(repliesFile))}: understanding.welcomeBack.resolved: missing German text`]);
        });

        it('reports a template whose placeholders differ from the English one', () => {
            const dir = brokenGerman(repliesFile, (r) => { r.stepCard.heading = 'Schritt {number}: {title}'; });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, de(repliesFile))}: stepCard.heading: placeholders differ: English has {number}, {total}, {title}; German has {number}, {title}`
            ]);
        });

        it('reports a changed id and a changed number', () => {
            const dir = brokenGerman(articleFile, (a) => { a.symptoms[0].id = 'code_abgelehnt'; a.symptoms[1].difficulty = 5; });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, de(articleFile))}: symptoms.0.id: differs from English: English has "code_not_accepted", German has "code_abgelehnt"; ids, numbers and references stay as in English`,
                `${fileLabel(dir, de(articleFile))}: symptoms.1.difficulty: differs from English: English has 3, German has 5; ids, numbers and references stay as in English`
            ]);
        });

        it('reports a step left out of the German article', () => {
            const dir = brokenGerman(articleFile, (a) => { a.steps.pop(); });
            expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, de(articleFile))}: steps: English has 10 entries, German has 9: keep the same entries in the same order`]);
        });

        it('reports an intent with no German file, and a reply act with an empty one', () => {
            const dir = translatedKnowledge();
            removeFile(dir, de(intentFile('thanks')));
            writeYaml(dir, de('replyActs/affirm.yaml'), { act: 'affirm', description: 'Ja sagen', kinds: ['yesNo'], examples: [] });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, de(intentFile('thanks')))}: (file): missing: translate ${fileLabel(dir, intentFile('thanks'))}`,
                `${fileLabel(dir, de('replyActs/affirm.yaml'))}: examples: has no German examples: write what German speakers would say`
            ]);
        });

        it('reports an agent-only text in the German replies', () => {
            const dir = brokenGerman(repliesFile, (r) => { r.handoff.agentHelp = 'Sie sind als Mitarbeiter angemeldet.'; });
            expect(problemsOf(dir)).to.deep.equal([
                `${fileLabel(dir, de(repliesFile))}: handoff.agentHelp: only agents read this, and the agent desk works in English: leave it out of the translation`
            ]);
        });
    });

    describe('the graph checks on German', () => {
        it('reports a German symptom with no German intent file as unreachable', () => {
            const dir = translatedKnowledge();
            removeFile(dir, de(intentFile('code_not_accepted')));
            expect(loadProblems(dir)).to.deep.equal([
                `${fileLabel(dir, de(articleFile))}: symptoms.0: symptom 'code_not_accepted' cannot be reached: add ${fileLabel(dir, 'de/intents')}/code_not_accepted.yaml with example utterances`
            ]);
        });

        it('reports a German reply with a placeholder it is not given', () => {
            const dir = brokenGerman(repliesFile, (r) => { r.resolved = 'Prima, {name}!'; });
            expect(loadProblems(dir)).to.deep.equal([`${fileLabel(dir, de(repliesFile))}: resolved: placeholder {name} is not filled here`]);
        });
    });

    describe('the shipped German', () => {
        // Until the German intents and reply acts land (other branches), only those folders may fail.
        it('translates every article and customer-facing reply', () => {
            const own = problemsOf(defaultKnowledgeDir).filter((p) => !/de\/(intents|replyActs)\b/.test(p));
            expect(own).to.deep.equal([]);
        });
    });
});
