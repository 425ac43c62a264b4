// Development aid: scores the reply classifier on the dev split only (never the test split),
// with option variants, and prints the errors. `npx tsx tools/benchmarks/replies/devReport.ts`
import { join } from 'node:path';
import { loadKnowledge } from '../../../knowledge/load';
import { readReplies, repliesBenchmarkDir, scoreReplies } from '../../../bot/nlu/replyBenchmark';
import { trainReplyClassifierFromKnowledge, type ReplyClassifierOptions } from '../../../bot/nlu/replyClassifier';
import type { TrainIntentClassifierOptions } from '../../../bot/nlu/classifierOptions';
import { wordMatching } from '../../../bot/bench/replyWordMatching';

const knowledge = loadKnowledge();
const dev = readReplies(join(repliesBenchmarkDir, 'dev.jsonl'));
const variants: [string, ReplyClassifierOptions, TrainIntentClassifierOptions?][] = [
    ['default', {}],
    ['hedge', { hedgeScope: true }],
    ['hedge+question', { hedgeScope: true, questionMark: true }],
    ['no negation scope', { negationScope: false }],
    ['no contrast', { contrast: false }],
    ['no question mark', { questionMark: false }],
    ['no emoji', { emoji: false }],
    ['no marking at all', { negationScope: false, contrast: false, questionMark: false, emoji: false }],
    ['one model, kind as a word', { modelPerKind: false }],
    ['workedMinScore 0', { workedMinScore: 0 }],
    ['workedMinScore 0.7', { workedMinScore: 0.7 }],
    ['epochs 10', {}, { epochs: 10 }],
    ['epochs 20', {}, { epochs: 20 }],
    ['epochs 30', {}, { epochs: 30 }],
    ['no spelling correction', {}, { correctSpelling: false }],
    ['no class balancing', {}, { balanceClasses: false }],
    ['one model, no balancing', { modelPerKind: false }, { balanceClasses: false }],
    ['one model, no contrast', { modelPerKind: false, contrast: false }],
    ['one model, no negation', { modelPerKind: false, negationScope: false }],
    ['one model, no marking', { modelPerKind: false, negationScope: false, contrast: false, questionMark: false, emoji: false }],
    ['one model, epochs 20', { modelPerKind: false }, { epochs: 20 }]
];
const only = process.argv[2];
const fmt = (x: number) => x.toFixed(3);
for (const [name, options, learner] of variants) {
    if (only && only !== 'all' && name !== only) continue;
    const t0 = performance.now();
    const classifier = trainReplyClassifierFromKnowledge(knowledge, options, learner);
    const trainMs = performance.now() - t0;
    const s = scoreReplies(dev, (text, kind) => classifier.classify(text, kind).act);
    console.log(`${name}: acc ${fmt(s.accuracy)} F1 ${fmt(s.macroF1)} falseSuccess ${fmt(s.falseSuccessRate)} workedRecall ${fmt(s.workedRecall)} train ${trainMs.toFixed(0)} ms ` + s.byKind.map((k) => `${k.kind} ${fmt(k.accuracy)}`).join(' '));
    if (name === 'default' && process.argv[3] === 'errors') for (const e of s.errors) console.log(`  ${e.kind} ${e.act} -> ${e.predicted}: ${e.text}`);
}
const base = scoreReplies(dev, wordMatching(knowledge));
console.log(`word matching: acc ${fmt(base.accuracy)} F1 ${fmt(base.macroF1)} falseSuccess ${fmt(base.falseSuccessRate)} workedRecall ${fmt(base.workedRecall)}`);
