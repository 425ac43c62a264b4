// Development aid: scores the reply classifier on a file of labelled replies after leaving out of
// its training every example within the overlap distance of them (tools/nlu/replyOverlap.ts). It
// measured round 7 on a split already moved into the training examples, as if it were held out:
//   git show 684ec76:tools/benchmarks/replies/fresh5.jsonl > /tmp/fresh5.jsonl
//   npx tsx tools/benchmarks/replies/leaveOut.ts /tmp/fresh5.jsonl
import { loadKnowledge } from '../../../knowledge/load';
import { replyClassifierDefaults, replyLearnerOptions, trainReplyClassifier } from '../../../bot/nlu/replyClassifier';
import { actsByKind, replyExamples } from '../../../bot/nlu/replyExamples';
import { readReplies, scoreReplies } from '../../nlu/replyBenchmark';
import { overlapFinder } from '../../nlu/replyOverlap';

const file = process.argv[2];
if (!file) {
    console.error('Give a JSON-lines file of labelled replies: npx tsx tools/benchmarks/replies/leaveOut.ts <replies.jsonl>');
    process.exit(2);
}
const knowledge = loadKnowledge();
const replies = readReplies(file);
const near = overlapFinder(replies.map((r) => r.text));
const examples = replyExamples(knowledge);
const kept = examples.filter((e) => near(e.text) === undefined);
const settings = replyClassifierDefaults(knowledge);
const classifier = trainReplyClassifier(kept, actsByKind(knowledge), settings, replyLearnerOptions(knowledge), knowledge.replyMarking);
const s = scoreReplies(replies, (text, kind) => classifier.classify(text, kind).act);
const fmt = (x: number) => x.toFixed(3);
console.log(`${replies.length} replies; trained on ${kept.length} of ${examples.length} examples (the rest are near them)`);
console.log(`accuracy ${fmt(s.accuracy)}, macro-F1 ${fmt(s.macroF1)}, false successes ${s.falseSuccesses.length} of ${s.notWorkedReplies}, worked recall ${fmt(s.workedRecall)}`);
for (const e of s.errors) console.log(`  ${e.kind} ${e.act} -> ${e.predicted}: ${e.text}`);
