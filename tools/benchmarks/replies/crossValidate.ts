// Development aid: 5-fold cross-validation of the reply classifier on its own training examples
// (knowledge/replyActs/), a second signal beside the small dev split, for choosing options
// without the test split. `npx tsx tools/benchmarks/replies/crossValidate.ts`
import { loadKnowledge } from '../../../knowledge/load';
import { stratifiedFolds } from '../../nlu/crossValidation';
import { actsByKind, replyExamples } from '../../../bot/nlu/replyExamples';
import { replyLearnerOptions, trainReplyClassifier, type ReplyClassifierOptions } from '../../../bot/nlu/replyClassifier';
import type { TrainIntentClassifierOptions } from '../../../bot/nlu/classifierOptions';
import { scoreReplies, type LabelledReply } from '../../nlu/replyBenchmark';

const knowledge = loadKnowledge();
const examples = replyExamples(knowledge);
const allowed = actsByKind(knowledge);
const folds = stratifiedFolds(examples.map((e) => e.act), 5, 7);

export function crossValidate(options: ReplyClassifierOptions, learner: TrainIntentClassifierOptions = {}): ReturnType<typeof scoreReplies> {
    const gold: LabelledReply[] = [];
    const predicted: string[] = [];
    for (let fold = 0; fold < 5; fold++) {
        const training = examples.filter((_, i) => folds[i] !== fold);
        const classifier = trainReplyClassifier(training, allowed, options, { ...replyLearnerOptions(knowledge), ...learner });
        examples.forEach((e, i) => {
            if (folds[i] !== fold) return;
            for (const kind of e.kinds) {
                gold.push({ text: e.text, kind, act: e.act });
                predicted.push(classifier.classify(e.text, kind).act);
            }
        });
    }
    let k = 0;
    return scoreReplies(gold, () => predicted[k++] as LabelledReply['act']);
}

const fmt = (x: number) => x.toFixed(3);
const runAll = require.main === module;
for (const [name, options] of (runAll ? [
    ['default', {}],
    ['workedMinScore 0', { workedMinScore: 0 }],
    ['workedMinScore 0.5', { workedMinScore: 0.5 }],
    ['workedMinScore 0.6', { workedMinScore: 0.6 }],
    ['workedMinScore 0.7', { workedMinScore: 0.7 }],
    ['workedMinScore 0.8', { workedMinScore: 0.8 }],
    ['no negation', { negationScope: false }],
    ['contrast', { contrast: true }],
    ['per kind', { modelPerKind: true }],
    ['hedge', { hedgeScope: true }],
    ['question', { questionMark: true }],
    ['hedge+question', { hedgeScope: true, questionMark: true }]
] : []) as [string, ReplyClassifierOptions][]) {
    if (process.argv[2] && !name.startsWith(process.argv[2])) continue;
    const s = crossValidate(options);
    console.log(`${name}: acc ${fmt(s.accuracy)} F1 ${fmt(s.macroF1)} falseSuccess ${fmt(s.falseSuccessRate)} (${s.falseSuccesses.length}) workedRecall ${fmt(s.workedRecall)}`);
    if (process.argv[3] === 'fs') for (const f of s.falseSuccesses) console.log(`   ${f.act}: ${f.text}`);
}
