// The replies section of `npm run bench:nlu`: the reply classifier against today's word matching
// on the held-out splits (fresh6 and fresh7, written by two people at once, each on its own and
// together), the marking and model choices measured on the dev split (where they were chosen), and
// the overlap between the benchmark and the training examples. The earlier splits (test, fresh ...
// fresh5) are training examples since round 7 (tools/benchmarks/replies/README.md).
import { join } from 'node:path';
import type { Knowledge } from '../../knowledge/load';
import { wordMatching } from '../benchmarks/replies/replyWordMatching';
import { readReplies, repliesBenchmarkDir, scoreReplies, type LabelledReply, type ReplyScores } from './replyBenchmark';
import { trainReplyClassifierFromKnowledge, type ReplyClassifier, type ReplyClassifierOptions } from '../../bot/nlu/replyClassifier';
import { replyExamples } from '../../bot/nlu/replyExamples';
import type { TrainIntentClassifierOptions } from '../../bot/nlu/classifierOptions';
import { overlapFinder } from './replyOverlap';

/** The held-out splits: none is trained or tuned on. */
export const heldOutSplits = ['fresh6', 'fresh7'] as const;
/** A held-out split, or all of them together (the figure the targets are judged on). */
export type HeldOutSplit = (typeof heldOutSplits)[number] | 'fresh6 + fresh7';

export interface HeldOutFigures {
    split: HeldOutSplit;
    replies: number;
    classifier: ReplyScores;
    wordMatching: ReplyScores;
    /** The split's replies with no exact or near duplicate among the training examples, and the classifier's scores on them. */
    unseen: { replies: number; accuracy: number; falseSuccessRate: number };
}

export interface RepliesFigures {
    trainingExamples: number;
    lexiconEntries: number;
    devReplies: number;
    heldOut: HeldOutFigures[];
    overlap: { split: 'dev' | HeldOutSplit; exact: number; near: number }[];
    dev: { variant: string; accuracy: number; macroF1: number; falseSuccessRate: number }[];
    trainMs: number;
}

/** The choices of bot/nlu/replyClassifier.ts one at a time, against the default; measured on dev only. */
export const devVariants: { variant: string; options: ReplyClassifierOptions; learner?: TrainIntentClassifierOptions; noLexicon?: true }[] = [
    {
        variant: '**the default**: one model, kind as a word; negation, hedge and question scope, emoji and rating words; reply lexicons; `worked` from probability 0.8',
        options: {}
    },
    { variant: 'without the reply lexicons (`knowledge/replyLexicon/`)', options: {}, noLexicon: true },
    { variant: 'with the lexicons, but a lexicon word alone not counted as a known word', options: { lexiconWordsKnown: false } },
    { variant: 'without question-scope marking', options: { questionScope: false } },
    { variant: 'without hedge-scope marking', options: { hedgeScope: false } },
    { variant: 'without negation-scope marking', options: { negationScope: false } },
    { variant: 'without emoji words', options: { emoji: false } },
    { variant: 'without rating words ("4/5", "9 out of 10", "2 stars" as high, middling or low)', options: { ratings: false } },
    { variant: 'with contrast marking (words before "but", "though" prefixed)', options: { contrast: true } },
    { variant: 'with a word for a question mark', options: { questionMark: true } },
    { variant: 'with kind-tagged words (each word also tagged with the kind of question)', options: { kindConjunction: true } },
    { variant: 'with spelling correction (an unknown word read as the nearest known one)', options: {}, learner: { correctSpelling: true } },
    { variant: 'no marking at all', options: { negationScope: false, emoji: false, hedgeScope: false, questionScope: false } },
    { variant: 'one model per question kind', options: { modelPerKind: true } },
    { variant: '`worked` at any probability (no minimum)', options: { workedMinScore: 0 } },
    { variant: '`worked` from probability 0.7', options: { workedMinScore: 0.7 } },
    { variant: '`worked` from probability 0.9', options: { workedMinScore: 0.9 } }
];

const actOf = (classifier: ReplyClassifier) => (text: string, kind: LabelledReply['kind']) => classifier.classify(text, kind).act;

export function measureReplies(knowledge: Knowledge, runs: number, log: (message: string) => void): RepliesFigures {
    const dev = readReplies(join(repliesBenchmarkDir, 'dev.jsonl'));
    const trainTimes: number[] = [];
    let classifier: ReplyClassifier | undefined;
    for (let run = 1; run <= runs; run++) {
        log(`replies: training, run ${run}/${runs}`);
        const started = performance.now();
        classifier = trainReplyClassifierFromKnowledge(knowledge);
        trainTimes.push(performance.now() - started);
    }
    const examples = replyExamples(knowledge).map((e) => e.text);
    const overlapOf = overlapFinder(examples);
    const today = wordMatching(knowledge);
    const own: { split: HeldOutSplit; replies: LabelledReply[] }[] = heldOutSplits.map((split) => ({ split, replies: readReplies(join(repliesBenchmarkDir, `${split}.jsonl`)) }));
    const splits = [...own, { split: 'fresh6 + fresh7' as const, replies: own.flatMap((s) => s.replies) }];
    const heldOut = splits.map(({ split, replies }) => {
        const unseenReplies = replies.filter((r) => overlapOf(r.text) === undefined);
        const unseen = scoreReplies(unseenReplies, actOf(classifier!));
        return {
            split,
            replies: replies.length,
            classifier: scoreReplies(replies, actOf(classifier!)),
            wordMatching: scoreReplies(replies, today),
            unseen: { replies: unseenReplies.length, accuracy: unseen.accuracy, falseSuccessRate: unseen.falseSuccessRate }
        };
    });
    log('replies: dev-split variants');
    const devScores = devVariants.map(({ variant, options, learner, noLexicon }) => {
        const s = scoreReplies(dev, actOf(trainReplyClassifierFromKnowledge(noLexicon ? { ...knowledge, replyLexicon: [] } : knowledge, options, learner)));
        return { variant, accuracy: s.accuracy, macroF1: s.macroF1, falseSuccessRate: s.falseSuccessRate };
    });
    const sorted = [...trainTimes].sort((a, b) => a - b);
    return {
        trainingExamples: examples.length,
        lexiconEntries: knowledge.replyLexicon.reduce((n, table) => n + table.entries.length, 0),
        devReplies: dev.length,
        heldOut,
        overlap: [{ split: 'dev' as const, replies: dev }, ...own].map(({ split, replies }) => {
            const found = replies.map((r) => overlapOf(r.text));
            return { split, exact: found.filter((o) => o === 'exact').length, near: found.filter((o) => o === 'near').length };
        }),
        dev: devScores,
        trainMs: sorted[Math.floor(sorted.length / 2)]!
    };
}
