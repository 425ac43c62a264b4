// What the bot remembers about the person's problem in this conversation: enough to resume
// after a restart, to never repeat a question or a step, and to brief a human agent.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Band } from './confidenceBands';

export const stepOutcomes = ['worked', 'notWorked', 'alreadyTried', 'cannotDo'] as const;
export const caseOutcomes = ['resolved', 'escalated', 'declined', 'abandoned'] as const;

const stepRecord = z.object({ id: z.string(), outcome: z.enum(stepOutcomes) });

export const caseFileSchema = z.object({
    caseId: z.string(),
    openedAt: z.string(),
    channel: z.string(),
    /** The channel's locale for the person when the case opened (BCP 47, as the client sent it). */
    locale: z.string().optional(),
    symptom: z.string().optional(),
    /**
     * The person's own words, already redacted of security codes; the first one opened the case.
     * `question`: the id of the bot's question they answer (a diagnostic question, a step, or a
     * named question such as confirmSymptom). Cases saved before it was kept hold bare strings.
     */
    messages: z
        .array(z.union([z.string().transform((text) => ({ text, question: undefined })), z.object({ text: z.string(), question: z.string().optional() })]))
        .default([]),
    /** questionId -> answerId, whether asked or taken from what the person had already said. */
    answers: z.record(z.string(), z.string()).default({}),
    steps: z.array(stepRecord).default([]),
    /** Confidence history: what the classifier made of each message. */
    classifications: z
        .array(z.object({ intent: z.string(), score: z.number(), band: z.string() }))
        .default([]),
    /** Consecutive messages not understood, for the fallback ladder. */
    fallbacks: z.number().int().default(0),
    /** Every message not understood: at the top level and replies refused at a question. */
    notUnderstood: z.number().int().default(0),
    /** Other problems raised on the way, taken up in order once this one ends; with what was already done. */
    pending: z
        .array(z.object({ symptom: z.string(), answers: z.record(z.string(), z.string()).default({}), steps: z.array(stepRecord).default([]) }))
        .default([]),
    /** Steps that did not work the last time this person had this problem: offered last. */
    failedBefore: z.array(z.string()).default([]),
    /** Whether a returning person has been told what happened last time. */
    welcomedBack: z.boolean().default(false),
    outcome: z.enum(caseOutcomes).optional()
});

export type CaseFile = z.infer<typeof caseFileSchema>;
export type StepOutcome = (typeof stepOutcomes)[number];
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Messages kept for the agent: the first (it opened the case) and the most recent. */
export const keptMessages = 20;

export function rememberMessage(caseFile: CaseFile, text: string, question?: string): void {
    const messages = [...caseFile.messages, { text, question }];
    caseFile.messages = messages.length > keptMessages ? [messages[0]!, ...messages.slice(-(keptMessages - 1))] : messages;
}

export function newCaseFile(channel: string, now = new Date(), locale?: string): CaseFile {
    return caseFileSchema.parse({
        caseId: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        openedAt: now.toISOString(),
        channel,
        // A client may send anything as its locale: only a well-formed tag is kept.
        locale: locale && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/.test(locale) ? locale : undefined
    });
}

/** The open case, or a fresh one when there is none or the last one has ended. */
export async function currentCase(caseFiles: StatePropertyAccessor<CaseFile>, context: TurnContext): Promise<CaseFile> {
    let caseFile = await caseFiles.get(context);
    if (!caseFile || caseFile.outcome) {
        caseFile = newCaseFile(context.activity.channelId, new Date(), context.activity.locale);
        await caseFiles.set(context, caseFile);
    }
    return caseFile;
}

/** Notes a message and how it was classified, for the agent and the report. */
export function noteMessage(caseFile: CaseFile, text: string, classified: { intent: string; score: number; band: Band }, question?: string): void {
    if (text) rememberMessage(caseFile, text, question);
    caseFile.classifications = [...caseFile.classifications, classified].slice(-keptMessages);
}
