// Development aid: scores the German reply classifier (trained on knowledge/de/replyActs/) on the
// German dev replies (de-dev.jsonl) and prints each mistake and false success.
// `npx tsx tools/benchmarks/replies/germanDevReport.ts`
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { readReplies, repliesBenchmarkDir, scoreReplies } from '../../nlu/replyBenchmark';
import { trainReplyClassifierFromKnowledge } from '../../../bot/nlu/replyClassifier';

const dev = readReplies(join(repliesBenchmarkDir, 'de-dev.jsonl'));
const fmt = (x: number) => x.toFixed(3);
const classifier = trainReplyClassifierFromKnowledge(loadKnowledgeBase().de, { language: 'de' });
const score = scoreReplies(dev, (text, kind) => classifier.classify(text, kind).act);
console.log(`German dev (${score.replies}): accuracy ${fmt(score.accuracy)}, macro-F1 ${fmt(score.macroF1)}, ` +
    `false-success ${fmt(score.falseSuccessRate)} (${score.falseSuccesses.length} of ${score.notWorkedReplies}), worked recall ${fmt(score.workedRecall)}; ` +
    score.byKind.map((k) => `${k.kind} ${fmt(k.accuracy)}`).join(', '));
for (const e of score.errors) console.log(`  ${e.kind} ${e.act} -> ${e.predicted}: ${e.text}`);
