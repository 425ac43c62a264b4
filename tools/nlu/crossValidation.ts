// Stratified k-fold assignment: every fold gets its share of every intent, so a small intent is
// never missing from a fold's training data.
import { seededRandom, shuffleInPlace } from '../../bot/nlu/random';

/** The fold (0..k-1) of each example, fixed by the seed. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
    const random = seededRandom(seed);
    const byLabel = new Map<string, number[]>();
    labels.forEach((label, i) => {
        const members = byLabel.get(label);
        if (members) members.push(i);
        else byLabel.set(label, [i]);
    });
    const folds = new Array<number>(labels.length).fill(0);
    // Continuing the round-robin across intents (rather than restarting at fold 0) keeps fold sizes even.
    let next = 0;
    for (const label of [...byLabel.keys()].sort()) {
        for (const i of shuffleInPlace(byLabel.get(label)!, random)) {
            folds[i] = next;
            next = (next + 1) % k;
        }
    }
    return folds;
}
