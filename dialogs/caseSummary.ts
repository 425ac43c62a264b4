// The brief a human agent gets: everything the person already told the bot and tried, so they
// never have to repeat it. Built only from the case file, whose texts are already redacted.
import { z } from 'zod';
import { findStep, findSymptom } from '../knowledge/lookup';
import type { Knowledge } from '../knowledge/load';
import type { Replies } from '../knowledge/schema';
import type { CaseFile } from './caseFile';
import { fillTemplate } from './fillTemplate';
import type { PastCase } from './userProfile';

export const caseSummarySchema = z.object({
    caseId: z.string(),
    symptom: z.string().nullable(),
    symptomTitle: z.string(),
    channel: z.string(),
    openedAt: z.string(),
    reason: z.string(),
    answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    steps: z.array(z.object({ title: z.string(), outcome: z.string() })),
    confidence: z.array(z.object({ intent: z.string(), score: z.number() })),
    firstMessage: z.string().nullable(),
    messages: z.array(z.string()),
    /** The person's earlier cases, oldest first: what the problem was, what was tried, how it ended. */
    history: z
        .array(
            z.object({ symptomTitle: z.string(), outcome: z.string(), at: z.string(), steps: z.array(z.object({ title: z.string(), outcome: z.string() })) })
        )
        .optional()
});

export type CaseSummary = z.infer<typeof caseSummarySchema>;

export function summarizeCase(knowledge: Knowledge, caseFile: CaseFile, reason: string, history: PastCase[] = []): CaseSummary {
    const found = caseFile.symptom ? findSymptom(knowledge, caseFile.symptom) : undefined;
    const outcomeLabels = knowledge.replies.answers.step;
    return {
        caseId: caseFile.caseId,
        symptom: caseFile.symptom ?? null,
        symptomTitle: found?.symptom.title ?? 'Not identified',
        channel: caseFile.channel,
        openedAt: caseFile.openedAt,
        reason,
        answers: Object.entries(caseFile.answers).flatMap(([questionId, answerId]) => {
            const question = found?.article.questions.find((q) => q.id === questionId);
            const answer = question?.answers.find((a) => a.id === answerId);
            return question && answer ? [{ question: question.prompt, answer: answer.label }] : [];
        }),
        steps: found
            ? caseFile.steps.map((s) => ({ title: findStep(found.article, s.id).title, outcome: outcomeLabels[s.outcome].label }))
            : [],
        confidence: caseFile.classifications.map(({ intent, score }) => ({ intent, score: Math.round(score * 100) / 100 })),
        firstMessage: caseFile.messages[0] ?? null,
        messages: caseFile.messages,
        history: history.filter((h) => h.caseId !== caseFile.caseId).map((h) => {
            const past = h.symptom ? findSymptom(knowledge, h.symptom) : undefined;
            return {
                symptomTitle: past?.symptom.title ?? 'Not identified',
                outcome: h.outcome,
                at: h.at,
                steps: past ? h.steps.map((s) => ({ title: findStep(past.article, s.id).title, outcome: outcomeLabels[s.outcome].label })) : []
            };
        })
    };
}

/** One line an agent can scan in a queue: "App not connecting · webchat · tried: Reconnect Bluetooth (No)". */
export function summaryLine(labels: Replies['handoff']['agentCard'], summary: CaseSummary): string {
    const tried = summary.steps.map((s) => `${s.title} (${s.outcome})`).join(', ');
    const answers = summary.answers.map((a) => `${a.question} ${a.answer}`).join(' · ');
    return [
        summary.symptomTitle,
        summary.channel,
        answers,
        tried && fillTemplate(labels.triedLine, { steps: tried }),
        summary.history?.length && fillTemplate(labels.historyLine, { cases: summary.history.map((h) => `${h.symptomTitle} (${h.outcome}, ${h.at.slice(0, 10)})`).join(', ') }),
        summary.firstMessage && fillTemplate(labels.firstMessageLine, { text: summary.firstMessage })
    ]
        .filter(Boolean)
        .join(' · ');
}
