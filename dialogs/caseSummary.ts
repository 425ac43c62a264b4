// The brief a human agent gets: everything the person already told the bot and tried, so they
// never have to repeat it. Built only from the case file, whose texts are already redacted.
import { z } from 'zod';
import { languageSchema } from '../knowledge/languages';
import { allSymptoms, findStep, findSymptom } from '../knowledge/lookup';
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
    /** The person's locale when the case opened, when their channel said. */
    locale: z.string().optional(),
    /** The language the person and the bot spoke; the summary itself is in the agents' language. */
    language: languageSchema.optional(),
    openedAt: z.string(),
    /** The problem the classifier saw in their words when they never confirmed one: a lead, not a fact. */
    suspected: z.string().optional(),
    reason: z.string(),
    answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    steps: z.array(z.object({ title: z.string(), outcome: z.string() })),
    confidence: z.array(z.object({ intent: z.string(), score: z.number() })),
    firstMessage: z.string().nullable(),
    messages: z.array(z.string()),
    /** Their words, each after the bot's question it answers (when it answers one). */
    exchanges: z.array(z.object({ asked: z.string().optional(), said: z.string() })).optional(),
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
        locale: caseFile.locale,
        openedAt: caseFile.openedAt,
        suspected: found ? undefined : suspectedSymptom(knowledge, caseFile),
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
        firstMessage: caseFile.messages[0]?.text ?? null,
        messages: caseFile.messages.map((m) => m.text),
        exchanges: caseFile.messages.map((m) => ({ asked: m.question && questionText(knowledge, m.question), said: m.text })),
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

/** The wording of a question the bot asked, by its id: a diagnostic question, a fix step, or a named question. */
function questionText(knowledge: Knowledge, id: string): string | undefined {
    for (const article of knowledge.articles) {
        const question = article.questions.find((q) => q.id === id);
        if (question) return question.prompt;
        const step = article.steps.find((s) => s.id === id);
        if (step) return fillTemplate(knowledge.replies.handoff.agentCard.stepAsked, { step: step.title });
    }
    return knowledge.replies.handoff.agentCard.asked[id];
}

/** The symptom the classifier rated highest among the person's messages, if any message pointed at one. */
function suspectedSymptom(knowledge: Knowledge, caseFile: CaseFile): string | undefined {
    const symptoms = new Map(allSymptoms(knowledge).map((s) => [s.id, s.title]));
    const best = caseFile.classifications.filter((c) => symptoms.has(c.intent)).sort((a, b) => b.score - a.score)[0];
    return best && symptoms.get(best.intent);
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
