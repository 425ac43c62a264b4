// The scores reported by `nlu eval` and the benchmarks.

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
    if (gold.length === 0) return 0;
    let right = 0;
    gold.forEach((g, i) => {
        if (predicted[i] === g) right++;
    });
    return right / gold.length;
}

/**
 * Unweighted mean of per-intent F1 over every intent that occurs in the gold labels or the
 * predictions (as scikit-learn does), so a rare intent counts as much as a frequent one.
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
    const labels = [...new Set([...gold, ...predicted])];
    if (labels.length === 0) return 0;
    let sum = 0;
    for (const label of labels) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        gold.forEach((g, i) => {
            const p = predicted[i];
            if (p === label && g === label) tp++;
            else if (p === label) fp++;
            else if (g === label) fn++;
        });
        sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    }
    return sum / labels.length;
}

/** Larson et al. 2019: accuracy over the in-scope test queries only (an in-scope query called oos is wrong). */
export function inScopeAccuracy(gold: readonly string[], predicted: readonly string[], oosLabel: string): number {
    const kept = gold.flatMap((g, i) => (g === oosLabel ? [] : [i]));
    return accuracy(kept.map((i) => gold[i]!), kept.map((i) => predicted[i]!));
}

/** Larson et al. 2019: the fraction of out-of-scope test queries predicted out of scope. */
export function oosRecall(gold: readonly string[], predicted: readonly string[], oosLabel: string): number {
    const oos = gold.flatMap((g, i) => (g === oosLabel ? [i] : []));
    if (oos.length === 0) return 0;
    return oos.filter((i) => predicted[i] === oosLabel).length / oos.length;
}

/** The most frequent (gold -> predicted) mistakes, for finding intents whose examples overlap. */
export function topConfusions(gold: readonly string[], predicted: readonly string[], limit = 10): { gold: string; predicted: string; count: number }[] {
    const counts = new Map<string, number>();
    gold.forEach((g, i) => {
        const p = predicted[i]!;
        if (p !== g) counts.set(`${g}\u0000${p}`, (counts.get(`${g}\u0000${p}`) ?? 0) + 1);
    });
    return [...counts]
        .map(([key, count]) => {
            const [g, p] = key.split('\u0000') as [string, string];
            return { gold: g, predicted: p, count };
        })
        .sort((a, b) => b.count - a.count || (a.gold + a.predicted < b.gold + b.predicted ? -1 : 1))
        .slice(0, limit);
}
