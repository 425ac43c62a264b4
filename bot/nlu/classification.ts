// The shapes the classifier takes and gives; the TypeScript types are inferred from these schemas.
import { z } from 'zod';

export const trainingExampleSchema = z.object({
    text: z.string(),
    intent: z.string().min(1, 'intent must not be empty')
});

/**
 * `score` is a probability: the softmax probability of `intent` when it is in scope; for the
 * out-of-scope intent, 1 minus the probability of the best in-scope intent (so 0.8 means "at
 * least 80% sure this is none of ours"), and 1 when the text had no known word at all.
 */
export const intentScoreSchema = z.object({
    intent: z.string(),
    score: z.number().min(0).max(1)
});

export const classificationSchema = z.object({
    text: z.string().optional(),
    intent: z.string(),
    score: z.number().min(0).max(1),
    /**
     * The (at most) three most probable in-scope intents, most probable first, with their softmax
     * probabilities: they sum to at most 1, the rest going to the others and to out of scope. The
     * dialogs use them for "Did you mean A or B?". Empty when the text had no known word, since
     * then there is nothing to guess from.
     */
    alternatives: z.array(intentScoreSchema),
    /** The lookup tables (knowledge/lookups/) the text names an entry of; absent when it names none. */
    lookups: z.array(z.string()).optional()
});

export type TrainingExample = z.infer<typeof trainingExampleSchema>;
export type IntentScore = z.infer<typeof intentScoreSchema>;
export type Classification = z.infer<typeof classificationSchema>;
