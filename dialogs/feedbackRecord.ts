// One record per finished case, written through FeedbackSink; the analytics report reads them.
import { z } from 'zod';
import { languageSchema } from '../knowledge/languages';
import { caseOutcomes, stepOutcomes } from './caseFile';

export const feedbackRatings = ['good', 'bad'] as const;

/** How a reply to one of the bot's questions was taken. */
export const replyUnderstandings = ['button', 'text', 'confirmed', 'refused', 'digression'] as const;
/** What a digression asked for, when a reply was one. */
export const digressionKinds = ['why', 'howHard', 'how', 'newProblem', 'correction', 'seeAlso'] as const;

export const feedbackRecordSchema = z.discriminatedUnion('kind', [
    z.object({
        kind: z.literal('case'),
        caseId: z.string(),
        at: z.string(),
        channel: z.string(),
        /** The language of the conversation; records written before German are English. */
        language: languageSchema.default('en'),
        symptom: z.string().nullable(),
        answers: z.record(z.string(), z.string()),
        steps: z.array(z.object({ id: z.string(), outcome: z.enum(stepOutcomes) })),
        outcome: z.enum(caseOutcomes),
        /** Messages the person sent in this case, and how many of them the bot did not understand. */
        messages: z.number().int().nonnegative(),
        notUnderstood: z.number().int().nonnegative()
    }),
    /** A message the bot could not place (already redacted), for finding gaps in the training data. */
    z.object({ kind: z.literal('unrecognised'), caseId: z.string(), at: z.string(), text: z.string() }),
    /** Ratings arrive after the case closed, so they are a record of their own. */
    z.object({ kind: z.literal('rating'), caseId: z.string(), at: z.string(), rating: z.enum(feedbackRatings) }),
    /** A written comment after a rating (already redacted). */
    z.object({ kind: z.literal('comment'), caseId: z.string(), at: z.string(), text: z.string() }),
    /**
     * One reply to one of the bot's questions, and how it was understood, so the report shows the
     * bot a customer meets: `question` is a diagnostic question id, a step id, or one of
     * confirmSymptom, earlyHelp, escalate, feedback, menu, disambiguation.
     */
    z.object({
        kind: z.literal('reply'),
        caseId: z.string(),
        at: z.string(),
        symptom: z.string().nullable(),
        question: z.string(),
        understood: z.enum(replyUnderstandings),
        /** The reply act, when the text was read by the reply classifier. */
        act: z.string().optional(),
        digression: z.enum(digressionKinds).optional()
    }),
    /**
     * How an agent said a live chat ended (`end <disposition>`): an id from knowledge/desk.yaml,
     * kept as a string so records stay readable when the list changes. `agent` is the agent's
     * key from HANDOFF_AGENT_IDS, an identity the team already knows, not a name they typed.
     */
    z.object({ kind: z.literal('disposition'), caseId: z.string(), at: z.string(), agent: z.string(), disposition: z.string() })
]);

export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;
export type FeedbackRating = (typeof feedbackRatings)[number];
export type ReplyUnderstanding = (typeof replyUnderstandings)[number];
export type DigressionKind = (typeof digressionKinds)[number];

export interface FeedbackSink {
    append(record: FeedbackRecord): Promise<void>;
}
