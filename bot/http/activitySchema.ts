// What an incoming activity must have before the adapter sees it. The adapter itself answers a
// malformed activity with a 500; checking first turns that into a 400 that says what is wrong.
import { z } from 'zod';

/** "is required" for a missing field, "must be a string" for a wrong type: what a client can act on. */
const needs = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`) });
const nonEmpty = z.string(needs('a string')).min(1, 'must not be empty');

/** A lone surrogate (from a JSON "\\ud800" escape) is not text: ids become storage keys and file names, so refuse it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !loneSurrogate.test(s);
const anId = nonEmpty.refine(wellFormed, 'must be well-formed Unicode (it contains a lone surrogate); send the id as valid UTF-16');
const optionalId = z.string(needs('a string')).refine(wellFormed, 'must be well-formed Unicode (it contains a lone surrogate); send the id as valid UTF-16').optional();

const account = z.object({ id: anId, name: z.string(needs('a string')).optional() }, needs('an object')).passthrough();

export const incomingActivitySchema = z
    .object({
        type: nonEmpty,
        channelId: anId,
        serviceUrl: z.url({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a URL') }),
        conversation: z.object({ id: anId, conversationType: z.string(needs('a string')).optional() }, needs('an object')).passthrough(),
        // Every channel names the sender; user state is keyed by it, and without it the adapter
        // answers an invoke with a 501.
        from: account,
        recipient: account.optional(),
        id: optionalId,
        replyToId: optionalId,
        text: z.string(needs('a string')).optional(),
        locale: z.string(needs('a string')).optional(),
        deliveryMode: z.string(needs('a string')).optional()
    }, needs('a JSON object'))
    .passthrough();

/** "conversation.id: must not be empty; serviceUrl: must be a URL" */
export function describeActivityProblems(error: z.ZodError): string {
    return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
