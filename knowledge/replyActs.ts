// What a reply to one of the bot's questions means: its dialog act. The reply classifier
// (bot/nlu) is trained on knowledge/replyActs/ and answers in these terms; the dialogs act on
// them. Shared here, below both, so neither imports the other.
import { z } from 'zod';

export const replyActs = [
    'affirm', // "yea", "it's on", "that's the one"
    'deny', // "nope", "still disabled", "it's off"
    'unsure', // "not sure", "no idea tbh"
    'worked', // "ok it let me in!!", "that fixed it"
    'stillFailing', // "did it again, same error", "no change"
    'inProgress', // "ok, doing it now", "updating now, one sec"
    'alreadyTried', // "done that twice already"
    'cannotDo', // "can't uninstall, it's a company phone"
    'asksHow', // "how do I do that?", "what does that mean?"
    'asksWhy', // "why?", "what causes this?"
    'asksDifficulty', // "how hard is this?"
    'newProblem', // "also I never get the alarm notifications"
    'correction', // "wait, it's actually the notifications"
    'comment', // a free-text remark, e.g. after a rating: "but you asked a lot"
    'other' // none of these
] as const;
export type ReplyAct = (typeof replyActs)[number];

/** Which kind of question the reply answers; the same words mean different things after each. */
export const questionKinds = [
    'yesNo', // a diagnostic question or any plain yes/no question
    'stepOutcome', // "Did that work?" after a fix step
    'confirmSymptom', // "Sounds like ... Is that right?"
    'feedback' // "How did I do?"
] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const replyClassificationSchema = z.object({
    act: z.enum(replyActs),
    /** Probability of `act`, 0..1. */
    score: z.number().min(0).max(1),
    /** The next most probable acts, most probable first. */
    alternatives: z.array(z.object({ act: z.enum(replyActs), score: z.number().min(0).max(1) }))
});
export type ReplyClassification = z.infer<typeof replyClassificationSchema>;
