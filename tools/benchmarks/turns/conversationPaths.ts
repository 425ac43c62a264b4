// The conversations the turn benchmark sends: one real troubleshooting path per symptom, from
// the knowledge base, each exactly `turns` messages long so a fixed autocannon request sequence
// walks any of them. A path: the person's own words for the symptom, "Yes" to the confirmation,
// "Try the fixes first" where the bot offers a human early, the first answer ("Yes") to every
// diagnostic question, then fix-step answers: some that do not help, then one that works
// (resolved) or, when the steps run out, "Not now" to the offer of a human (declined); then a
// rating. Paths never hand over to a human, so no agent desk is involved.
import { planSteps } from '../../../knowledge/planSteps';
import type { Knowledge } from '../../../knowledge/load';
import type { StepOutcome } from '../../../dialogs/caseFile';

export interface BenchPath {
    symptom: string;
    outcome: 'resolved' | 'declined';
    texts: string[];
    /** What the last reply must contain for the walk to have gone as planned. */
    lastReplyIncludes: string;
}

const notHelping: StepOutcome[] = ['notWorked', 'alreadyTried', 'cannotDo'];

export function benchPaths(knowledge: Knowledge, turns = 8): BenchPath[] {
    const { replies } = knowledge;
    const paths: BenchPath[] = [];
    for (const article of knowledge.articles) {
        for (const symptom of article.symptoms) {
            const intent = knowledge.intents.find((i) => i.intent === symptom.id);
            const opening = intent?.utterances.find((u) => u.toLowerCase() !== symptom.label.toLowerCase());
            if (!opening) continue;
            const head = [opening, replies.answers.confirm.yes.label];
            if (symptom.difficulty >= 4) head.push(replies.answers.earlyHelp.tryFixes.label);
            const answers: Record<string, string> = {};
            for (const questionId of symptom.questions) {
                const question = article.questions.find((q) => q.id === questionId)!;
                answers[questionId] = question.answers[0]!.id;
                head.push(question.answers[0]!.label);
            }
            const plan = planSteps(article, symptom, answers);
            const rating = replies.answers.feedback.good.label;
            const forSteps = turns - head.length - 1;
            let stepTexts: string[];
            let outcome: BenchPath['outcome'];
            if (forSteps >= 1 && forSteps <= plan.length) {
                stepTexts = [
                    ...Array.from({ length: forSteps - 1 }, (_, i) => replies.answers.step[notHelping[i % notHelping.length]!].label),
                    replies.answers.step.worked.label
                ];
                outcome = 'resolved';
            } else if (forSteps === plan.length + 1) {
                stepTexts = [...plan.map(() => replies.answers.step.notWorked.label), replies.answers.escalate.no.label];
                outcome = 'declined';
            } else {
                continue; // this symptom's path cannot be exactly `turns` long
            }
            paths.push({ symptom: symptom.id, outcome, texts: [...head, ...stepTexts, rating], lastReplyIncludes: replies.feedbackThanks });
        }
    }
    if (paths.length === 0) throw new Error(`no symptom has a troubleshooting path of exactly ${turns} turns`);
    return paths;
}
