// What the bot remembers about a person across conversations (UserState).
import { z } from 'zod';
import { caseOutcomes, stepOutcomes } from './caseFile';

export const userProfileSchema = z.object({
    welcomed: z.boolean().default(false),
    /** The person's last few cases, so an agent or a later conversation sees what happened before. */
    history: z
        .array(
            z.object({
                caseId: z.string(),
                symptom: z.string().nullable(),
                outcome: z.enum(caseOutcomes),
                at: z.string(),
                /** The steps tried and how each went, so a return visit starts with what has not failed. */
                steps: z.array(z.object({ id: z.string(), outcome: z.enum(stepOutcomes) })).default([])
            })
        )
        .default([])
});

export type UserProfile = z.infer<typeof userProfileSchema>;
export const keptHistory = 10;

export type PastCase = UserProfile['history'][number];

/** The person's last case, if they have been here before. */
export function lastCase(profile: UserProfile | undefined): PastCase | undefined {
    return userProfileSchema.parse(profile ?? {}).history.at(-1);
}
