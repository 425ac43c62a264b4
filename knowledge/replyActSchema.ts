// The shape of knowledge/replyActs/: example replies for one dialog act each, the training data of
// the reply classifier (bot/nlu/replyClassifier.ts). Content authors add examples here, not code.
import { z } from 'zod';
import { questionKinds, replyActs } from './replyActs';

const example = z.string().trim().min(1, 'must not be empty');
const kinds = z.array(z.enum(questionKinds)).min(1, 'list at least one question kind, or leave the field out');

/** One example reply: plain text, or text with the question kinds it answers (narrower than the file's). */
export const replyExampleSchema = z.union([example, z.strictObject({ text: example, kinds })], {
    error: (issue) =>
        typeof issue.input === 'number' || typeof issue.input === 'boolean'
            ? `YAML reads this as ${typeof issue.input} ${String(issue.input)}, not text: put the reply in quotes`
            : 'must be a reply (text) or { text, kinds }'
});

export const replyActExamplesSchema = z
    .strictObject({
        act: z.enum(replyActs),
        description: z.string().trim().min(1, 'must not be empty'),
        /**
         * The kinds of question this act can answer. The classifier never gives the act after any
         * other kind, so "yes" can be `worked` after "Did that work?" and `affirm` elsewhere.
         */
        kinds,
        examples: z.array(replyExampleSchema).min(5, 'an act needs at least 5 example replies to be learned')
    })
    .superRefine((file, ctx) => {
        const seen = new Map<string, number>();
        file.examples.forEach((e, i) => {
            const text = typeof e === 'string' ? e : e.text;
            const key = text.toLowerCase();
            const first = seen.get(key);
            if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['examples', i], message: `repeats example ${first} ("${text}"): remove one` });
            else seen.set(key, i);
            if (typeof e !== 'string') {
                for (const kind of e.kinds) {
                    if (!file.kinds.includes(kind)) {
                        ctx.addIssue({ code: 'custom', path: ['examples', i, 'kinds'], message: `'${kind}' is not one of this act's kinds (${file.kinds.join(', ')}): add it to \`kinds\` at the top or remove it here` });
                    }
                }
            }
        });
    });

export type ReplyActExamples = z.infer<typeof replyActExamplesSchema>;
