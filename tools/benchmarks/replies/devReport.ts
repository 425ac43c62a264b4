// Development aid: scores the reply classifier on the dev split only (never the test split) and
// prints each mistake, for finding what the training examples lack.
// `npx tsx tools/benchmarks/replies/devReport.ts` (the option variants are in `npm run bench:nlu -- --only replies`).
import { join } from 'node:path';
import { loadKnowledge } from '../../../knowledge/load';
import { readReplies, repliesBenchmarkDir, scoreReplies } from '../../nlu/replyBenchmark';
import { trainReplyClassifierFromKnowledge } from '../../../bot/nlu/replyClassifier';
import { wordMatching } from './replyWordMatching';

const knowledge = loadKnowledge();
const dev = readReplies(join(repliesBenchmarkDir, 'dev.jsonl'));
const fmt = (x: number) => x.toFixed(3);
const classifier = trainReplyClassifierFromKnowledge(knowledge);
for (const [name, score] of [
    ['reply classifier', scoreReplies(dev, (text, kind) => classifier.classify(text, kind).act)],
    ['word matching', scoreReplies(dev, wordMatching(knowledge))]
] as const) {
    console.log(`${name}: accuracy ${fmt(score.accuracy)}, macro-F1 ${fmt(score.macroF1)}, false-success ${fmt(score.falseSuccessRate)}, worked recall ${fmt(score.workedRecall)}; ` + score.byKind.map((k) => `${k.kind} ${fmt(k.accuracy)}`).join(', '));
    if (name === 'reply classifier') for (const e of score.errors) console.log(`  ${e.kind} ${e.act} -> ${e.predicted}: ${e.text}`);
}
