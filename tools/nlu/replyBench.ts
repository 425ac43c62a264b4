// The replies section of `npm run bench:nlu`: the reply classifier against today's word matching
// on the held-out test split, the marking and model choices measured on the dev split (where they
// were chosen), and the overlap between the benchmark and the training examples.
import { join } from 'node:path';
import type { Knowledge } from '../../knowledge/load';
import { wordMatching } from '../benchmarks/replies/replyWordMatching';
import { readReplies, repliesBenchmarkDir, scoreReplies, type LabelledReply, type ReplyScores } from './replyBenchmark';
import { trainReplyClassifierFromKnowledge, type ReplyClassifier, type ReplyClassifierOptions } from '../../bot/nlu/replyClassifier';
import { replyExamples } from '../../bot/nlu/replyExamples';
import { overlapFinder } from './replyOverlap';

export interface RepliesFigures {
    trainingExamples: number;
    testReplies: number;
    devReplies: number;
    classifier: ReplyScores;
    wordMatching: ReplyScores;
    /** The test replies with no exact or near duplicate among the training examples, and the classifier's accuracy on them. */
    unseen: { replies: number; accuracy: number; falseSuccessRate: number };
    overlap: { split: 'dev' | 'test'; exact: number; near: number }[];
    dev: { variant: string; accuracy: number; macroF1: number; falseSuccessRate: number }[];
    trainMs: number;
}

/** The choices of bot/nlu/replyClassifier.ts one at a time, against the default; measured on dev only. */
export const devVariants: { variant: string; options: ReplyClassifierOptions }[] = [
    { variant: '**the default**: one model, kind as a word; negation scope, hedge scope and emoji words; `worked` from probability 0.8', options: {} },
    { variant: 'without hedge-scope marking', options: { hedgeScope: false } },
    { variant: 'without negation-scope marking', options: { negationScope: false } },
    { variant: 'without emoji words', options: { emoji: false } },
    { variant: 'with contrast marking (words before "but", "though" prefixed)', options: { contrast: true } },
    { variant: 'with a word for a question mark', options: { questionMark: true } },
    { variant: 'no marking at all', options: { negationScope: false, emoji: false, hedgeScope: false } },
    { variant: 'one model per question kind', options: { modelPerKind: true } },
    { variant: '`worked` at any probability (no minimum)', options: { workedMinScore: 0 } },
    { variant: '`worked` from probability 0.5', options: { workedMinScore: 0.5 } },
    { variant: '`worked` from probability 0.7', options: { workedMinScore: 0.7 } }
];

const actOf = (classifier: ReplyClassifier) => (text: string, kind: LabelledReply['kind']) => classifier.classify(text, kind).act;

export function measureReplies(knowledge: Knowledge, runs: number, log: (message: string) => void): RepliesFigures {
    const dev = readReplies(join(repliesBenchmarkDir, 'dev.jsonl'));
    const test = readReplies(join(repliesBenchmarkDir, 'test.jsonl'));
    const trainTimes: number[] = [];
    let classifier: ReplyClassifier | undefined;
    for (let run = 1; run <= runs; run++) {
        log(`replies: training, run ${run}/${runs}`);
        const started = performance.now();
        classifier = trainReplyClassifierFromKnowledge(knowledge);
        trainTimes.push(performance.now() - started);
    }
    const scores = scoreReplies(test, actOf(classifier!));
    const examples = replyExamples(knowledge).map((e) => e.text);
    const overlapOf = overlapFinder(examples);
    const unseenTest = test.filter((r) => overlapOf(r.text) === undefined);
    const unseen = scoreReplies(unseenTest, actOf(classifier!));
    log('replies: dev-split variants');
    const devScores = devVariants.map(({ variant, options }) => {
        const s = scoreReplies(dev, actOf(trainReplyClassifierFromKnowledge(knowledge, options)));
        return { variant, accuracy: s.accuracy, macroF1: s.macroF1, falseSuccessRate: s.falseSuccessRate };
    });
    const sorted = [...trainTimes].sort((a, b) => a - b);
    return {
        trainingExamples: examples.length,
        testReplies: test.length,
        devReplies: dev.length,
        classifier: scores,
        wordMatching: scoreReplies(test, wordMatching(knowledge)),
        unseen: { replies: unseenTest.length, accuracy: unseen.accuracy, falseSuccessRate: unseen.falseSuccessRate },
        overlap: (['dev', 'test'] as const).map((split) => {
            const found = (split === 'dev' ? dev : test).map((r) => overlapOf(r.text));
            return { split, exact: found.filter((o) => o === 'exact').length, near: found.filter((o) => o === 'near').length };
        }),
        dev: devScores,
        trainMs: sorted[Math.floor(sorted.length / 2)]!
    };
}
