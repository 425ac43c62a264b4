// Development aid: 5-fold cross-validation of the reply classifier on its own training examples
// (knowledge/replyActs/), a second signal beside the small dev split, for choosing options
// without the test split. `npx tsx tools/benchmarks/replies/crossValidate.ts [option name] [fs]`;
// `--de` cross-validates the German examples (knowledge/de/replyActs/) instead.
import { loadKnowledge, loadKnowledgeBase } from '../../../knowledge/load';
import type { Language } from '../../../knowledge/languages';
import { stratifiedFolds } from '../../nlu/crossValidation';
import { actsByKind, replyExamples } from '../../../bot/nlu/replyExamples';
import { replyClassifierDefaults, replyLearnerOptions, trainReplyClassifier, type ReplyClassifierOptions } from '../../../bot/nlu/replyClassifier';
import type { TrainIntentClassifierOptions } from '../../../bot/nlu/classifierOptions';
import { scoreReplies, type LabelledReply } from '../../nlu/replyBenchmark';

function replyData(language: Language) {
    const knowledge = language === 'de' ? loadKnowledgeBase().de : loadKnowledge();
    const examples = replyExamples(knowledge);
    return { knowledge, examples, allowed: actsByKind(knowledge), folds: stratifiedFolds(examples.map((e) => e.act), 5, 7) };
}
const data = new Map<Language, ReturnType<typeof replyData>>();

export function crossValidate(options: ReplyClassifierOptions, learner: TrainIntentClassifierOptions = {}): ReturnType<typeof scoreReplies> {
    const language = options.language ?? 'en';
    if (!data.has(language)) data.set(language, replyData(language));
    const { knowledge, examples, allowed, folds } = data.get(language)!;
    const gold: LabelledReply[] = [];
    const predicted: string[] = [];
    for (let fold = 0; fold < 5; fold++) {
        const training = examples.filter((_, i) => folds[i] !== fold);
        const settings = { ...replyClassifierDefaults(knowledge), ...options };
        const classifier = trainReplyClassifier(training, allowed, settings, { ...replyLearnerOptions(knowledge), ...learner }, knowledge.replyMarking);
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
const args = process.argv.slice(2).filter((a) => a !== '--de');
const language: Language = process.argv.includes('--de') ? 'de' : 'en';
for (const [name, options] of (runAll ? [
    ['default', {}],
    ['workedMinScore 0', { workedMinScore: 0 }],
    ['workedMinScore 0.5', { workedMinScore: 0.5 }],
    ['workedMinScore 0.6', { workedMinScore: 0.6 }],
    ['workedMinScore 0.7', { workedMinScore: 0.7 }],
    ['workedMinScore 0.75', { workedMinScore: 0.75 }],
    ['workedMinScore 0.8', { workedMinScore: 0.8 }],
    ['workedMinScore 0.85', { workedMinScore: 0.85 }],
    ['no negation', { negationScope: false }],
    ['contrast', { contrast: true }],
    ['per kind', { modelPerKind: true }],
    ['hedge', { hedgeScope: true }],
    ['question', { questionMark: true }],
    ['hedge+question', { hedgeScope: true, questionMark: true }]
] : []) as [string, ReplyClassifierOptions][]) {
    if (args[0] && !name.startsWith(args[0])) continue;
    const s = crossValidate({ ...options, language });
    console.log(`${name}: acc ${fmt(s.accuracy)} F1 ${fmt(s.macroF1)} falseSuccess ${fmt(s.falseSuccessRate)} (${s.falseSuccesses.length}) workedRecall ${fmt(s.workedRecall)}`);
    if (args[1] === 'fs') for (const f of s.falseSuccesses) console.log(`   ${f.act}: ${f.text}`);
}
