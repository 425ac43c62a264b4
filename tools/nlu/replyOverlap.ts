// How much of the replies benchmark also appears among the training examples: a test reply the
// classifier was trained on (or on a near copy of) measures memory, not understanding. Short
// replies ("yes", "no", "not sure") are bound to be in both; the benchmark reports accuracy
// with and without the overlapping ones.
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { tokenize } from '../../bot/nlu/tokenize';

export type Overlap = 'exact' | 'near' | undefined;

const normalised = (text: string) => tokenize(text).join(' ');

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
    let shared = 0;
    for (const x of a) if (b.has(x)) shared++;
    return shared / (a.size + b.size - shared || 1);
}

/**
 * `exact`: the same words after tokenizing (case, punctuation, apostrophes and emoji ignored).
 * `near`: at most 2 character edits apart (typos, "its"/"it's"), or, for replies of 4 words or
 * more, the same words but at most one in five (word-set Jaccard >= 0.8).
 */
export function overlapFinder(trainingTexts: readonly string[]): (text: string) => Overlap {
    const training = trainingTexts.map((t) => {
        const norm = normalised(t);
        return { norm, words: new Set(norm.split(' ').filter(Boolean)) };
    });
    const exact = new Set(training.map((t) => t.norm));
    return (text) => {
        const norm = normalised(text);
        if (exact.has(norm)) return 'exact';
        const words = new Set(norm.split(' ').filter(Boolean));
        for (const t of training) {
            if (Math.abs(t.norm.length - norm.length) <= 2 && DamerauLevenshteinDistance(t.norm, norm) <= 2) return 'near';
            if (words.size >= 4 && t.words.size >= 4 && jaccard(words, t.words) >= 0.8) return 'near';
        }
        return undefined;
    };
}
