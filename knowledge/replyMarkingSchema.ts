// The shape of knowledge/replyMarking.yaml (and knowledge/<language>/replyMarking.yaml): the words
// by which the reply classifier (bot/nlu/replyText.ts) finds the scope of a negation, a hedge or a
// question, a contrast, a clause's end and a rating. They are language, not code, so each language
// has its own list.
import { z } from 'zod';

const word = z.string().trim().min(1, 'must not be empty').regex(/^[^\s]+$/u, 'must be one word: put phrases under twoWordHedges or ratings');
const phrase = z.string().trim().min(1, 'must not be empty');
const words = z.array(word).min(1, 'list at least one word');

export const replyMarkingWordsSchema = z.strictObject({
    description: phrase,
    /** A word that makes the rest of its clause uncertain: "might", "vielleicht". */
    hedges: words,
    /** Phrases that hedge as one word does, and the word they stand for ("sort of" is "sorta"). */
    twoWordHedges: z.record(phrase, word).default({}),
    /** A word that makes the rest of its clause negated: "not", "nicht". */
    negators: words,
    /** A word that, opening a clause, makes it a question: "why", "warum". */
    questionOpeners: words,
    /** Words after which a reply says what counts: "but", "aber". */
    contrastWords: words,
    /** Words that end a clause (besides punctuation and the contrast words): "and", "weil". */
    clauseBreakWords: words,
    ratings: z.strictObject({
        /** Between a rating and its scale, as in "9 out of 10", "4 von 5" ("/" always counts). */
        outOf: z.array(phrase).min(1, 'list at least one phrase'),
        /** After a number of stars, as in "3 stars", "3 Sterne". */
        stars: z.array(phrase).min(1, 'list at least one word'),
        /** Numbers written as words, read as their digits in a rating: "ten out of ten", "five star service". */
        numbers: z.record(word, z.number().int().min(0).max(100)).default({})
    })
});

export type ReplyMarkingWords = z.infer<typeof replyMarkingWordsSchema>;
