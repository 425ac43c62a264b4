// What the bot remembers about a person across conversations (UserState).
import { z } from 'zod';
import { caseOutcomes } from './caseFile';

export const userProfileSchema = z.object({
    welcomed: z.boolean().default(false),
    /** The person's last few cases, so an agent or a later conversation sees what happened before. */
    history: z
        .array(z.object({ caseId: z.string(), symptom: z.string().nullable(), outcome: z.enum(caseOutcomes), at: z.string() }))
        .default([])
});

export type UserProfile = z.infer<typeof userProfileSchema>;
export const keptHistory = 10;
