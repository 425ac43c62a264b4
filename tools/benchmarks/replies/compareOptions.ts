// Development aid: one set of reply-classifier options (and learner options) on the dev split and
// in 5-fold cross-validation of the training examples, side by side; never the test or fresh split.
// `npx tsx tools/benchmarks/replies/compareOptions.ts '{"questionScope":false}' '{"epochs":40}'`
import { join } from 'node:path';
import { loadKnowledge } from '../../../knowledge/load';
import { readReplies, repliesBenchmarkDir, scoreReplies } from '../../nlu/replyBenchmark';
import { trainReplyClassifierFromKnowledge } from '../../../bot/nlu/replyClassifier';
import { crossValidate } from './crossValidate';

const knowledge = loadKnowledge();
const dev = readReplies(join(repliesBenchmarkDir, 'dev.jsonl'));
const fmt = (x: number) => x.toFixed(3);
const options = JSON.parse(process.argv[2] ?? '{}');
const learner = JSON.parse(process.argv[3] ?? '{}');
const t0 = performance.now();
const c = trainReplyClassifierFromKnowledge(knowledge, options, learner);
const ms = performance.now() - t0;
const d = scoreReplies(dev, (t, k) => c.classify(t, k).act);
const cv = crossValidate(options, learner);
console.log(`${process.argv[2]} ${process.argv[3] ?? ''}: train ${ms.toFixed(0)}ms dev acc ${fmt(d.accuracy)} fs ${d.falseSuccesses.length} wr ${fmt(d.workedRecall)} | cv acc ${fmt(cv.accuracy)} F1 ${fmt(cv.macroF1)} fs ${cv.falseSuccesses.length} wr ${fmt(cv.workedRecall)} ${cv.falseSuccesses.map((f) => f.text).join(' | ')}`);
