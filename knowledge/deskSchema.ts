// The agent desk's own data (knowledge/desk.yaml): the closed set of ways a live chat can end,
// which agents pick with `end <disposition>` and the report counts, and the canned responses
// agents send with `/<id>`.
import { z } from 'zod';

const deskId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and hyphens, starting with a letter');

const unique = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `'${item.id}' is listed twice` });
        seen.add(item.id);
    });
};

export const dispositionSchema = z.strictObject({ id: deskId, label: z.string().trim().min(1, 'must not be empty') });

export const cannedResponseSchema = z.strictObject({
    id: deskId,
    /** What the agent sees in help, beside `/<id>`. */
    title: z.string().trim().min(1, 'must not be empty'),
    /** What the customer reads, under the agent's name. */
    text: z.string().trim().min(1, 'must not be empty').max(1000, 'keep it to what a customer reads in a chat (1000 characters)'),
    /** Where in the article it comes from, for the content author. */
    basis: z.string().optional()
});

export const deskDataSchema = z.strictObject({
    dispositions: z.array(dispositionSchema).min(1, 'agents need at least one way to end a chat').superRefine(unique),
    canned: z.array(cannedResponseSchema).default([]).superRefine(unique)
});

export type DeskData = z.infer<typeof deskDataSchema>;
export type Disposition = z.infer<typeof dispositionSchema>;
export type CannedResponse = z.infer<typeof cannedResponseSchema>;
