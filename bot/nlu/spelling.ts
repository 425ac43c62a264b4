// Maps a word the model has never seen to the closest word it has, so "notifcations" and
// "securty cdoe" get the features of what was meant. Candidates come from a symmetric-delete
// index (two words within edit distance d share a string reached by at most d deletions from
// each), so a lookup costs a few map probes instead of a distance to every known word; natural's
// Damerau-Levenshtein distance then confirms and ranks them.
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';

/** Short words have too many neighbours to guess from ("cat"/"car"/"cab"); long ones afford two typos. */
function allowedDistance(length: number): number {
    if (length >= 8) return 2;
    if (length >= 4) return 1;
    return 0;
}

function deletions(word: string, depth: number, into: Set<string>): Set<string> {
    if (depth === 0) return into;
    for (let i = 0; i < word.length; i++) {
        const shorter = word.slice(0, i) + word.slice(i + 1);
        if (!into.has(shorter)) {
            into.add(shorter);
            deletions(shorter, depth - 1, into);
        }
    }
    return into;
}

export class SpellingCorrector {
    private readonly index = new Map<string, string[]>();

    /** @param frequencies how often each known word was seen: the tie-breaker between equally close words. */
    constructor(private readonly frequencies: ReadonlyMap<string, number>) {
        for (const word of frequencies.keys()) {
            // A known word can be the correction for an input up to two letters longer.
            const depth = Math.min(allowedDistance(word.length + 2), word.length - 1);
            if (depth <= 0) continue;
            for (const key of deletions(word, depth, new Set([word]))) {
                const bucket = this.index.get(key);
                if (bucket) bucket.push(word);
                else this.index.set(key, [word]);
            }
        }
    }

    /** The known word closest to `word`, or undefined when none is close enough to trust. */
    correct(word: string): string | undefined {
        if (this.frequencies.has(word)) return word;
        const maxDistance = allowedDistance(word.length);
        if (maxDistance === 0) return undefined;
        let best: string | undefined;
        let bestDistance = Infinity;
        let bestFrequency = 0;
        const seen = new Set<string>();
        for (const key of deletions(word, maxDistance, new Set([word]))) {
            for (const candidate of this.index.get(key) ?? []) {
                if (seen.has(candidate)) continue;
                seen.add(candidate);
                if (Math.abs(candidate.length - word.length) > maxDistance) continue;
                const distance = DamerauLevenshteinDistance(word, candidate);
                if (distance > maxDistance) continue;
                const frequency = this.frequencies.get(candidate) ?? 0;
                if (
                    distance < bestDistance ||
                    (distance === bestDistance && (frequency > bestFrequency || (frequency === bestFrequency && best !== undefined && candidate < best)))
                ) {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = frequency;
                }
            }
        }
        return best;
    }
}
