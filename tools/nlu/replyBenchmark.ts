// Scores a reply classifier on the replies benchmark (tools/benchmarks/replies/): accuracy,
// macro-F1, and the false-success rate, the figure that matters most, since a reply taken as
// `worked` closes the case as resolved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { questionKinds, replyActs, type QuestionKind, type ReplyAct } from '../../knowledge/replyActs';
import { DatasetError } from './datasets';
import { accuracy, macroF1, topConfusions } from './metrics';

export const repliesBenchmarkDir = join(__dirname, '..', '..', 'tools', 'benchmarks', 'replies');

export const labelledReplySchema = z.strictObject({
    text: z.string().min(1),
    kind: z.enum(questionKinds),
    act: z.enum(replyActs)
});
export type LabelledReply = z.infer<typeof labelledReplySchema>;

export function readReplies(file: string): LabelledReply[] {
    let content: string;
    try {
        content = readFileSync(file, 'utf8');
    } catch (err) {
        throw new DatasetError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}): give a JSON-lines file of {"text", "kind", "act"}`);
    }
    return content.split(/\r?\n/).flatMap((line, i) => {
        if (line.trim() === '') return [];
        let raw: unknown;
        try {
            raw = JSON.parse(line);
        } catch {
            throw new DatasetError(`${file}:${i + 1}: not JSON: each line must be one {"text", "kind", "act"} object`);
        }
        const parsed = labelledReplySchema.safeParse(raw);
        if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw new DatasetError(`${file}:${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
        }
        return [parsed.data];
    });
}

export interface ReplyScores {
    replies: number;
    accuracy: number;
    macroF1: number;
    /**
     * After "Did that work?" (kind stepOutcome): of the replies whose label is not `worked`, the
     * share classified `worked`, i.e. the cases the bot would close as resolved when the person
     * never said the step worked.
     */
    falseSuccessRate: number;
    falseSuccesses: LabelledReply[];
    /** How many stepOutcome replies are labelled other than `worked`: the false-success rate's denominator. */
    notWorkedReplies: number;
    /** Of the stepOutcome replies labelled `worked`, the share classified `worked`. */
    workedRecall: number;
    byKind: { kind: QuestionKind; replies: number; accuracy: number }[];
    confusions: { gold: string; predicted: string; count: number }[];
    errors: (LabelledReply & { predicted: ReplyAct })[];
    msPerReply: number;
}

export function scoreReplies(replies: readonly LabelledReply[], classify: (text: string, kind: QuestionKind) => ReplyAct): ReplyScores {
    const started = performance.now();
    const predicted = replies.map((r) => classify(r.text, r.kind));
    const msPerReply = (performance.now() - started) / Math.max(1, replies.length);
    const gold = replies.map((r) => r.act);
    const steps = replies.flatMap((r, i) => (r.kind === 'stepOutcome' ? [i] : []));
    const notWorked = steps.filter((i) => gold[i] !== 'worked');
    const worked = steps.filter((i) => gold[i] === 'worked');
    const falseSuccesses = notWorked.filter((i) => predicted[i] === 'worked').map((i) => replies[i]!);
    return {
        replies: replies.length,
        accuracy: accuracy(gold, predicted),
        macroF1: macroF1(gold, predicted),
        falseSuccessRate: notWorked.length ? falseSuccesses.length / notWorked.length : 0,
        falseSuccesses,
        notWorkedReplies: notWorked.length,
        workedRecall: worked.length ? worked.filter((i) => predicted[i] === 'worked').length / worked.length : 0,
        byKind: questionKinds.map((kind) => {
            const own = replies.flatMap((r, i) => (r.kind === kind ? [i] : []));
            return { kind, replies: own.length, accuracy: accuracy(own.map((i) => gold[i]!), own.map((i) => predicted[i]!)) };
        }),
        confusions: topConfusions(gold, predicted, 8),
        errors: replies.flatMap((r, i) => (predicted[i] !== r.act ? [{ ...r, predicted: predicted[i]! }] : [])),
        msPerReply
    };
}
