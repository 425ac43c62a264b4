// Renders the benchmark figures as the classifier's section of BENCHMARKS.md and replaces that
// section in place, leaving the rest of the file (other components, notes) untouched.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CrossValidationResult, EvaluationResult } from './evaluate';
import { classifierOptionsSchema } from '../../bot/nlu/classifierOptions';
import { defaultUseWordVectors } from './wordVectors';
import type { RepliesFigures } from './replyBench';
import type { ReplyScores } from './replyBenchmark';
import { braunMeasuredElsewhere, braunPublished, clincMeasuredElsewhere, clincPublished } from './publishedFigures';

export const sectionStart = '<!-- nlu-bench:start: written by `npm run bench:nlu`, edits inside are overwritten -->';
export const sectionEnd = '<!-- nlu-bench:end -->';
export const repliesSectionStart = '<!-- nlu-bench-replies:start: written by `npm run bench:nlu`, edits inside are overwritten -->';
export const repliesSectionEnd = '<!-- nlu-bench-replies:end -->';

export interface Timed<T> {
    result: T;
    /** Medians over the runs; the scores themselves are identical in every run (fixed seeds). */
    trainMs: number;
    msPerUtterance: number;
}

export interface BenchFigures {
    date: string;
    machine: string;
    runtime: string;
    runs: number;
    command: string;
    braun: { corpus: 'chatbot' | 'askubuntu' | 'webapplications'; timed: Timed<EvaluationResult> }[];
    clincThreshold: Timed<EvaluationResult>;
    clincOosTrain: Timed<EvaluationResult>;
    learnerComparison: { learner: string; top1: number; trainMs: number }[];
    knowledge: Timed<CrossValidationResult>;
    /** The same cross-validation without knowledge/lookups/. */
    knowledgeWithoutLookups: Timed<CrossValidationResult>;
    knowledgeLookups: { tables: number; entries: number };
    startupMs: number;
    knowledgeExamples: number;
}

const pct = (x: number | undefined) => (x === undefined ? 'n/a' : (100 * x).toFixed(1));
const dec = (x: number) => x.toFixed(3);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

export function renderSection(f: BenchFigures): string {
    const corpus = (name: string) => f.braun.find((b) => b.corpus === name)!.timed;
    const pooledRight = f.braun.reduce((sum, b) => sum + b.timed.result.accuracy * b.timed.result.testExamples, 0);
    const pooledTotal = f.braun.reduce((sum, b) => sum + b.timed.result.testExamples, 0);
    const pooled = pooledRight / pooledTotal;
    const ct = f.clincThreshold;
    const co = f.clincOosTrain;
    const kb = f.knowledge;
    const clincModels = classifierOptionsSchema.parse({}).ensembleSize;
    const clincLearner = `${clincModels === 1 ? 'one model' : `${clincModels} models`}${defaultUseWordVectors(15_000) ? ' with word vectors' : ''}`;
    const smallLearner = `one model${defaultUseWordVectors(1_000) ? ' with word vectors' : ', no word vectors'}`;
    const bestClinc = [ct, co].find((c) => (c.result.inScopeAccuracy ?? 0) >= 0.92 && (c.result.oosRecall ?? 0) >= 0.55);
    const lines = [
        sectionStart,
        '## Intent classifier (`bot/nlu/`)',
        '',
        `Measured ${f.date} on ${f.machine}; ${f.runtime}. Command: \`${f.command}\` (from the repository root, with`,
        '`/work/shared/benchmarks/nlu/` present). Scores come from fixed seeds and are the same in every run; times are',
        `the median of ${f.runs} runs on a shared machine, training on one core (JavaScript is single-threaded).`,
        'Training time includes featurising; ms per utterance includes tokenising, stemming, spelling correction and featurising.',
        '',
        '### Braun et al. 2017 (accuracy on the test split, None counted as an intent)',
        '',
        '| system | Chatbot | AskUbuntu | WebApps | overall (274) |',
        '|---|---|---|---|---|',
        `| **ours** (softmax regression, AdaGrad, ${smallLearner}) | **${dec(corpus('chatbot').result.accuracy)}** | **${dec(corpus('askubuntu').result.accuracy)}** | **${dec(corpus('webapplications').result.accuracy)}** | **${dec(pooled)}** (${Math.round(pooledRight)}/${pooledTotal}) |`,
        ...braunPublished.map((p) => `| ${p.system} (published) | ${p.chatbot.toFixed(2)} | ${p.askubuntu.toFixed(2)} | ${p.webapplications.toFixed(2)} | ${p.overall.toFixed(2)} |`),
        ...braunMeasuredElsewhere.map((p) => `| ${p.system} (measured on this stack) | | | | ${p.overall.toFixed(3)} |`),
        '',
        `Ours: training ${f.braun.map((b) => `${b.corpus} ${ms(b.timed.trainMs)} ms`).join(', ')}; ` +
            `${f.braun.map((b) => `${b.corpus} ${dec(b.timed.msPerUtterance)}`).join(', ')} ms an utterance ` +
            '(tiny test sets: mostly warm-up of the JIT). Predictions are the most probable intent; no threshold.',
        '',
        '### CLINC150 full (Larson et al. 2019): in-scope accuracy / out-of-scope recall, %',
        '',
        '| method | oos-train | oos-threshold | training | ms an utterance |',
        '|---|---|---|---|---|',
        `| **ours**, oos-threshold: ${clincLearner}, trained on the 15,000 in-scope examples only, threshold ${ct.result.threshold} tuned on val | | **${pct(ct.result.inScopeAccuracy)} / ${pct(ct.result.oosRecall)}** | ${secs(ct.trainMs)} | ${dec(ct.msPerUtterance)} |`,
        `| **ours**, oos-train + threshold: ${clincLearner}, \`oos\` trained as a 151st intent, threshold ${co.result.threshold} tuned on val | **${pct(co.result.inScopeAccuracy)} / ${pct(co.result.oosRecall)}** | | ${secs(co.trainMs)} | ${dec(co.msPerUtterance)} |`,
        ...clincPublished.map((p) => `| ${p.method} (published) | ${p.oosTrain[0]} / ${p.oosTrain[1]} | ${p.oosThreshold[0]} / ${p.oosThreshold[1]} | | |`),
        ...clincMeasuredElsewhere.map((p) => `| ${p.method} (measured on this stack) | | ${p.result} | | |`),
        '',
        'The threshold applies to the acceptance score (how much the best in-scope intent\'s probability exceeds that of `oos`,',
        'times the share of the query\'s words seen in training) and is the one that maximises plain accuracy on the validation',
        'split (its 100 out-of-scope queries counted as a 151st intent), the accuracy curve smoothed by a moving average over +-0.025',
        '(tools/nlu/threshold.ts); the test split is used once, for the figures above. Overall test accuracy',
        `(oos as an intent): ${pct(ct.result.accuracy)}% (oos-threshold), ${pct(co.result.accuracy)}% (oos-train + threshold).`,
        '',
        '### Knowledge base: 5-fold stratified cross-validation (`npm run --silent nlu -- eval`)',
        '',
        `${f.knowledgeExamples} utterances in \`knowledge/intents/\`; ${smallLearner}; threshold ${kb.result.threshold} (the default). The bot's`,
        `configuration adds the lookup tables of \`knowledge/lookups/\` (${f.knowledgeLookups.tables} table(s), ${f.knowledgeLookups.entries} names); the second row is the same`,
        'cross-validation without them, in the same run.',
        '',
        '| setting | accuracy | macro F1 | in-scope accuracy | `none` recall | training (per fold) | ms an utterance | best threshold on the held-out folds |',
        '|---|---|---|---|---|---|---|---|',
        ...([['**the bot: with lookup tables**', kb], ['without lookup tables', f.knowledgeWithoutLookups]] as const).map(
            ([setting, k]) =>
                `| ${setting} | ${dec(k.result.accuracy)} | ${dec(k.result.macroF1)} | ${dec(k.result.inScopeAccuracy ?? 0)} | ${dec(k.result.oosRecall ?? 0)} | ${ms(k.trainMs)} ms | ${dec(k.msPerUtterance)} | ${k.result.bestThreshold ?? 'n/a'} |`
        ),
        '',
        'Most frequent confusions (gold -> predicted, count): ' +
            kb.result.confusions.map((c) => `${c.gold} -> ${c.predicted} (${c.count})`).join(', ') +
            '.',
        '',
        `Start-up (load and validate \`knowledge/\` with \`loadKnowledge()\`, train on its ${f.knowledgeExamples} utterances and lookup tables, in process): ${ms(f.startupMs)} ms.`,
        '',
        '### Learner choice, measured (CLINC150 validation split, top-1 accuracy over its in-scope queries, one run)',
        '',
        '| learner | top-1 in-scope | training |',
        '|---|---|---|',
        ...f.learnerComparison.map((l) => `| ${l.learner} | ${pct(l.top1)} | ${secs(l.trainMs)} |`),
        '',
        '### Targets',
        '',
        '| target | measured | |',
        '|---|---|---|',
        `| Braun pooled accuracy >= 0.94 | ${dec(pooled)} | ${met(pooled >= 0.94)} |`,
        `| CLINC150 oos by threshold: in-scope >= 92%, oos recall >= 55% | ${pct(ct.result.inScopeAccuracy)} / ${pct(ct.result.oosRecall)} (oos-threshold), ${pct(co.result.inScopeAccuracy)} / ${pct(co.result.oosRecall)} (oos-train + threshold) | ${met(bestClinc !== undefined)} |`,
        `| CLINC150 training <= 60 s, <= 0.5 ms an utterance | ${secs(ct.trainMs)}, ${dec(ct.msPerUtterance)} ms (oos-threshold); ${secs(co.trainMs)}, ${dec(co.msPerUtterance)} ms (oos-train) | ${met(Math.max(ct.trainMs, co.trainMs) <= 60_000 && Math.max(ct.msPerUtterance, co.msPerUtterance) <= 0.5)} |`,
        `| Knowledge base CV accuracy >= 0.97, oos recall >= 0.9 | ${dec(kb.result.accuracy)}, ${dec(kb.result.oosRecall ?? 0)} | ${met(kb.result.accuracy >= 0.97 && (kb.result.oosRecall ?? 0) >= 0.9)} |`,
        `| Start-up on the knowledge base <= 1 s | ${ms(f.startupMs)} ms | ${met(f.startupMs <= 1000)} |`,
        sectionEnd
    ];
    return lines.join('\n');
}

export interface RepliesRun {
    date: string;
    machine: string;
    runtime: string;
    runs: number;
    command: string;
    replies: RepliesFigures;
}

/** The reply classifier's section: the held-out splits side by side, the baseline beside each, and how the choices were made. */
export function renderRepliesSection(f: RepliesRun): string {
    const r = f.replies;
    const kinds = r.heldOut[0]!.classifier.byKind.map((k) => k.kind);
    const fs = (s: ReplyScores) => `${pct(s.falseSuccessRate)}% (${s.falseSuccesses.length} of ${s.notWorkedReplies})`;
    const kindAcc = (s: ReplyScores, kind: string) => dec(s.byKind.find((k) => k.kind === kind)!.accuracy);
    const row = (split: string, reader: string, s: ReplyScores, bold: boolean) => {
        const b = (x: string) => (bold ? `**${x}**` : x);
        return `| ${split} | ${reader} | ${b(dec(s.accuracy))} | ${b(dec(s.macroF1))} | ${b(fs(s))} | ${dec(s.workedRecall)} | ${kinds.map((k) => kindAcc(s, k)).join(' | ')} |`;
    };
    const wordMatchingName = "today's word matching (`recognizeAnswer` over replies.yaml's choices, mapped to acts; no match = refused = `other`)";
    const sizes = r.heldOut.map((h) => `${h.split} ${h.replies}`).join(', ');
    const lines = [
        repliesSectionStart,
        '## Reply classifier (`bot/nlu/replyClassifier.ts`): what a typed reply to a question means',
        '',
        `Measured ${f.date} on ${f.machine}; ${f.runtime}. Command: \`${f.command}\` (this section only; the full`,
        `\`npm run bench:nlu\` also writes it). Trained on the ${r.trainingExamples} example replies in \`knowledge/replyActs/\` and the`,
        `${r.lexiconEntries} entries of \`knowledge/replyLexicon/\`; scored on the held-out splits of \`tools/benchmarks/replies/\``,
        `(${sizes} replies written by hand as people type them, labelled by the rules in its README, never trained on;`,
        '`fresh6` and `fresh7` were written at the same time by two writers, neither reading the other, the training examples or any',
        'earlier split, after `fresh5` had been scored once, and committed before round 7 changed anything; the earlier splits (`test`,',
        '`fresh` ... `fresh5`, 1,836 replies, each scored at least once) are training examples since round 7. The issue\'s targets are',
        'judged on `fresh6 + fresh7` together (the two splits\' replies, 640).',
        `Scores are deterministic; the training time is the median of ${f.runs} runs.`,
        '',
        '**False-success rate**: among the held-out replies to "Did that work?" (kind `stepOutcome`) whose label is not `worked`,',
        'the share the reader takes as `worked`, so the bot would say "Great, glad it\'s working again!" and close the case as',
        'resolved when the person never said the step worked. Word matching\'s refusals count as `other`.',
        '',
        `| split | reader | accuracy | macro F1 | false-success rate (count) | \`worked\` recall | ${kinds.map((k) => `${k} accuracy`).join(' | ')} |`,
        `|---|---|---|---|---|---|${kinds.map(() => '---|').join('')}`,
        ...r.heldOut.flatMap((h) => [row(h.split, '**reply classifier**', h.classifier, true), row(h.split, wordMatchingName, h.wordMatching, false)]),
        '',
        `Training at start-up: ${ms(r.trainMs)} ms; ${dec(r.heldOut[0]!.classifier.msPerReply)} ms a reply.`,
        '',
        ...r.heldOut.flatMap((h) => {
            const c = h.classifier;
            return [
                `On \`${h.split}\`, most frequent confusions (gold -> predicted, count): ` +
                    (c.confusions.map((x) => `${x.gold} -> ${x.predicted} (${x.count})`).join(', ') || 'none') +
                    '. ' +
                    (c.falseSuccesses.length
                        ? `False successes: ${c.falseSuccesses.map((x) => `"${x.text}" (${x.act})`).join(', ')}.`
                        : 'No reply was taken as `worked` when it did not say so.'),
                ''
            ];
        }),
        '**Overlap with the training data.** No training example was copied from the held-out splits; their writers rewrote every',
        'reply within the overlap distance of a training example or an earlier split, except a few that cannot be worded differently.',
        'Short replies ("yes", "not sure", "how?") are bound to be in both. Exact = the same words after',
        'tokenizing; near = at most 2 character edits apart, or the same words but one in five (`tools/nlu/replyOverlap.ts`): ' +
            r.overlap.map((o) => `${o.split} ${o.exact} exact and ${o.near} near`).join(', ') +
            '. On the replies with neither: ' +
            r.heldOut.map((h) => `${h.split} (${h.unseen.replies}) accuracy ${dec(h.unseen.accuracy)}, false-success rate ${pct(h.unseen.falseSuccessRate)}%`).join('; ') +
            '.',
        '',
        `### Choices, measured on the dev split (${r.devReplies} replies; the held-out splits played no part)`,
        '',
        '| variant | accuracy | macro F1 | false-success rate |',
        '|---|---|---|---|',
        ...r.dev.map((d) => `| ${d.variant} | ${dec(d.accuracy)} | ${dec(d.macroF1)} | ${pct(d.falseSuccessRate)}% |`),
        '',
        '### Targets',
        '',
        '| target |' + r.heldOut.map((h) => ` ${h.split} | |`).join(''),
        '|---|' + r.heldOut.map(() => '---|---|').join(''),
        '| accuracy >= 0.95 |' + r.heldOut.map((h) => ` ${dec(h.classifier.accuracy)} | ${met(h.classifier.accuracy >= 0.95)} |`).join(''),
        '| false-success rate <= 0.5% |' + r.heldOut.map((h) => ` ${pct(h.classifier.falseSuccessRate)}% | ${met(h.classifier.falseSuccessRate <= 0.005)} |`).join(''),
        repliesSectionEnd
    ];
    return lines.join('\n');
}

/** Replaces the section between the markers, or appends it (creating the file if need be). */
export function writeSection(file: string, section: string, markers: { start: string; end: string } = { start: sectionStart, end: sectionEnd }): void {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    const start = current.indexOf(markers.start);
    const end = current.indexOf(markers.end);
    const next =
        start >= 0 && end > start
            ? current.slice(0, start) + section + current.slice(end + markers.end.length)
            : `${current.trimEnd()}\n\n${section}\n`;
    writeFileSync(file, next);
}
