// The reply classifier as the dialogs use it: trained on the shipped knowledge/replyActs/, asked
// what a typed reply means after each kind of question. The replies below are in neither the
// training examples nor the benchmark, so they test understanding rather than memory.
import { expect } from 'chai';
import { join } from 'node:path';
import { questionKinds, replyClassificationSchema, type QuestionKind, type ReplyAct } from '../../knowledge/replyActs';
import { actsByKind } from '../../bot/nlu/replyExamples';
import { readReplies, repliesBenchmarkDir, scoreReplies } from '../../tools/nlu/replyBenchmark';
import { markReply } from '../../bot/nlu/replyText';
import { wordMatching } from '../../tools/benchmarks/replies/replyWordMatching';
import { loadKnowledge } from '../../knowledge/load';
import { brokenKnowledge, copyKnowledge, fileLabel, problemsOf, removeFile, removeFixtures, writeYaml } from '../knowledge/fixtures';
import { knowledgeReplyClassifier } from './knowledgeClassifier';

const actFile = (act: string) => `replyActs/${act}.yaml`;

describe('reply acts in knowledge/: schema errors a content author can fix', () => {
    after(removeFixtures);

    it('names the file and the example when YAML reads a reply as a number', () => {
        const dir = brokenKnowledge(actFile('affirm'), (f) => { f.examples[2] = 1; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, actFile('affirm'))}: examples.2: YAML reads this as number 1, not text: put the reply in quotes`]);
    });

    it('names the file and the example when YAML reads a reply as true/false', () => {
        const dir = brokenKnowledge(actFile('deny'), (f) => { f.examples[0] = false; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, actFile('deny'))}: examples.0: YAML reads this as boolean false, not text: put the reply in quotes`]);
    });

    it('rejects an example tagged with a question kind its act does not answer', () => {
        const dir = brokenKnowledge(actFile('worked'), (f) => { f.examples[1] = { text: 'that did it for me', kinds: ['feedback'] }; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, actFile('worked'))}: examples.1.kinds: 'feedback' is not one of this act's kinds (stepOutcome): add it to \`kinds\` at the top or remove it here`
        ]);
    });

    it('rejects an unknown question kind', () => {
        const dir = brokenKnowledge(actFile('unsure'), (f) => { f.kinds = ['yesNo', 'didItWork']; });
        const problems = problemsOf(dir);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(new RegExp(`^${fileLabel(dir, actFile('unsure'))}: kinds\\.1: Invalid option: expected one of "yesNo"\\|"stepOutcome"`));
    });

    it('rejects the same example twice in one file, naming both places', () => {
        const dir = brokenKnowledge(actFile('inProgress'), (f) => { f.examples.push(f.examples[0].toUpperCase()); });
        const problems = problemsOf(dir);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(new RegExp(`^${fileLabel(dir, actFile('inProgress'))}: examples\\.\\d+: repeats example 0 \\(".+"\\): remove one$`));
    });

    it('rejects an act too thin to learn', () => {
        const dir = brokenKnowledge(actFile('asksWhy'), (f) => { f.examples = f.examples.slice(0, 2); });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, actFile('asksWhy'))}: examples: an act needs at least 5 example replies to be learned`]);
    });

    it('names the reply lexicon file and the entry that could never match', () => {
        const file = 'replyLexicon/praiseWords.yaml';
        const dir = brokenKnowledge(file, (l) => { l.entries[1] = '!!'; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, file)}: entries.1: must contain a letter or a digit`]);
    });

    it('names an act with no file, and a second file for one act', () => {
        const missing = copyKnowledge();
        removeFile(missing, actFile('correction'));
        expect(problemsOf(missing)).to.deep.equal([
            `${fileLabel(missing, 'replyActs')}: (folder): no examples for the act(s) correction: add a file for each (act, description, kinds, examples)`
        ]);
        const twice = copyKnowledge();
        writeYaml(twice, 'replyActs/more_worked.yaml', { act: 'worked', description: 'more', kinds: ['stepOutcome'], examples: ['a', 'b', 'c', 'd', 'e'] });
        expect(problemsOf(twice)).to.deep.equal([
            // Files load in name order, so the second one found is the act's own file.
            `${fileLabel(twice, actFile('worked'))}: act: 'worked' already has its examples in ${fileLabel(twice, 'replyActs/more_worked.yaml')}: merge the two files`
        ]);
    });
});

describe('reply classifier', function () {
    this.timeout(60_000);
    const classifier = knowledgeReplyClassifier();
    const act = (text: string, kind: QuestionKind) => classifier.classify(text, kind).act;

    describe('knows which kind of question was asked', () => {
        it('takes a bare "yes" to "Did that work?" as worked, and as a plain yes elsewhere', () => {
            expect(act('yes', 'stepOutcome')).to.equal('worked');
            expect(act('yes', 'yesNo')).to.equal('affirm');
            expect(act('yes', 'confirmSymptom')).to.equal('affirm');
            expect(act('no', 'stepOutcome')).to.equal('stillFailing');
            expect(act('no', 'yesNo')).to.equal('deny');
        });

        it('never takes "ok" to "Did that work?" as a success: it is unclear, so the dialogs ask once', () => {
            for (const text of ['ok', 'okay', 'ok!']) expect(act(text, 'stepOutcome'), text).to.equal('unsure');
        });

        it('reads a thumbs-up as a rating after "How did I do?", and a rating with a remark as a comment', () => {
            expect(act('👍', 'feedback')).to.equal('affirm');
            expect(act('👎', 'feedback')).to.equal('deny');
            expect(act('great but far too many questions', 'feedback')).to.equal('comment');
        });

        it('reads a rating on a scale as good or poor after "How did I do?", and a rating with a remark as a comment', () => {
            for (const text of ['8/10', '4 out of 5', '5 stars']) expect(act(text, 'feedback'), text).to.equal('affirm');
            for (const text of ['2/10', '1 star', '0 out of 5']) expect(act(text, 'feedback'), text).to.equal('deny');
            expect(act('4/5, but the reset step confused me', 'feedback')).to.equal('comment');
            // A date or a version is not a rating.
            expect(markReply('since 12/6, on version 10.2.3')).to.not.match(/rating/);
        });

        it('only ever answers with an act its kind of question allows, with a valid classification', () => {
            const allowed = actsByKind(loadKnowledge());
            const texts = readReplies(join(repliesBenchmarkDir, 'dev.jsonl')).map((r) => r.text);
            for (const kind of questionKinds) {
                for (const text of texts) {
                    const result = classifier.classify(text, kind);
                    replyClassificationSchema.parse(result);
                    expect([...allowed[kind], 'other'], `${kind}: ${text}`).to.include(result.act);
                    for (const alternative of result.alternatives) expect(allowed[kind]).to.include(alternative.act);
                }
            }
        });
    });

    describe('reads negation, hedges and contrast', () => {
        const cases: [string, QuestionKind, ReplyAct][] = [
            ['sure', 'yesNo', 'affirm'],
            ['not sure', 'yesNo', 'unsure'],
            ['it is not on', 'yesNo', 'deny'],
            ['still switched off', 'yesNo', 'deny'],
            ['fixed', 'stepOutcome', 'worked'],
            ['not fixed at all', 'stepOutcome', 'stillFailing'],
            ['no change whatsoever', 'stepOutcome', 'stillFailing'],
            ['it kind of worked maybe', 'stepOutcome', 'unsure'],
            ['right, but the alert still never shows up', 'stepOutcome', 'stillFailing'],
            ['ok but it still won\'t pair', 'stepOutcome', 'stillFailing'],
            ['yes, but the code is still refused', 'stepOutcome', 'stillFailing'],
            ['i re-entered it and the code is right, it still says wrong', 'stepOutcome', 'stillFailing']
        ];
        for (const [text, kind, expected] of cases) {
            it(`"${text}" after ${kind} is ${expected}`, () => expect(act(text, kind)).to.equal(expected));
        }

        it('marks the words a negation or a hedge governs, up to the end of the clause', () => {
            expect(markReply('not sure, it works')).to.equal('not xnegxsure it works');
            expect(markReply('it might work')).to.equal('it might xhedxwork');
        });
    });

    describe('never a false success on the replies the issue reported', () => {
        const notWorked = [
            'ok, will do it now',
            'not sure it fixed anything',
            'i don\'t think it worked',
            '[redacted code] i switched it on',
            'the code is correct, i checked it five times',
            'can\'t remove the app, my employer controls the phone'
        ];
        for (const text of notWorked) {
            it(`"${text}" is not worked`, () => expect(act(text, 'stepOutcome')).to.not.equal('worked'));
        }
    });

    it('answers "other" with no alternatives for a reply with no known word, and never throws', () => {
        for (const text of ['', '🙈🙈', 'xqzv', '?!', ' '.repeat(50)]) {
            const result = classifier.classify(text, 'yesNo');
            expect(result.act, JSON.stringify(text)).to.equal('other');
        }
    });

    // The targets are accuracy 0.95 and a false-success rate of 0.5% on replies nobody tuned on.
    // Measured (BENCHMARKS.md, round 7): fresh6 0.972, fresh7 0.975, no false success on either; dev
    // (never trained on, read for errors since round 1) 0.987. These gates hold what is reached so
    // it can only get better: no false success, and accuracy floors at the measured level (rounded
    // down to 0.005).
    const gates = [
        { split: 'dev', minReplies: 300, minNotWorked: 100, minAccuracy: 0.985, knownFalseSuccesses: [] },
        { split: 'fresh6', minReplies: 300, minNotWorked: 130, minAccuracy: 0.97, knownFalseSuccesses: [] },
        { split: 'fresh7', minReplies: 300, minNotWorked: 130, minAccuracy: 0.975, knownFalseSuccesses: [] }
    ] as const;
    for (const { split, minReplies, minNotWorked, minAccuracy, knownFalseSuccesses } of gates) {
        describe(`regression gate on the ${split} split of tools/benchmarks/replies/`, () => {
            const replies = readReplies(join(repliesBenchmarkDir, `${split}.jsonl`));
            const scores = scoreReplies(replies, (text, kind) => classifier.classify(text, kind).act);

            it(`has the split it gates on: ${minReplies}+ replies, every kind and every act, ${minNotWorked}+ to "Did that work?" that are not worked`, () => {
                expect(replies.length).to.be.at.least(minReplies);
                expect(new Set(replies.map((r) => r.kind)).size).to.equal(questionKinds.length);
                expect(new Set(replies.map((r) => r.act)).size).to.equal(15);
                expect(scores.notWorkedReplies).to.be.at.least(minNotWorked);
            });

            it(`takes no reply to "Did that work?" that does not say so as worked, beyond the ${knownFalseSuccesses.length} measured`, () => {
                const known = new Set<string>(knownFalseSuccesses);
                expect(scores.falseSuccesses.map((r) => r.text).filter((text) => !known.has(text))).to.deep.equal([]);
            });

            it(`keeps accuracy at ${minAccuracy} or more, far above today's word matching`, () => {
                expect(scores.accuracy).to.be.at.least(minAccuracy);
                const today = scoreReplies(replies, wordMatching(loadKnowledge()));
                expect(scores.accuracy - today.accuracy).to.be.at.least(0.5);
                expect(scores.falseSuccesses.length).to.be.lessThan(today.falseSuccesses.length);
            });
        });
    }
});
