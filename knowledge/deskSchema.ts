// The agent desk's own data (knowledge/desk.yaml): the closed set of ways a live chat can end,
// which agents pick with `end <disposition>` and the report counts.
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

export const deskDataSchema = z.strictObject({
    dispositions: z.array(dispositionSchema).min(1, 'agents need at least one way to end a chat').superRefine(unique)
});

export type DeskData = z.infer<typeof deskDataSchema>;
export type Disposition = z.infer<typeof dispositionSchema>;
