// Chooses the out-of-scope threshold on held-out data.
import { acceptanceScore, type Prediction } from '../../bot/nlu/intentClassifier';

export interface ThresholdChoice {
    threshold: number;
    /** Accuracy on the held-out data at that threshold, out-of-scope queries counted as one more intent. */
    accuracy: number;
}

/** Thresholds are tried in steps of this. */
const step = 0.005;
/**
 * Half-width, in steps, of the moving average taken over the accuracy curve before its maximum is
 * looked for: 5 steps, so each threshold is judged by the mean accuracy over +-0.025 around it.
 * Fixed before looking at any test split, for the reason given at `tuneThreshold`.
 */
export const smoothingHalfWidth = 5;

/**
 * The threshold that maximises plain accuracy on the held-out queries (the out-of-scope ones
 * counted like any other label, so a wrongly rejected in-scope query weighs the same as a missed
 * out-of-scope one), on the accuracy curve smoothed by a moving average over +-0.025.
 *
 * Why smoothed: with a few hundred or fewer out-of-scope queries the raw curve is flat near its
 * maximum and jagged at the scale of single queries (on CLINC150's validation split, 100
 * out-of-scope queries: thresholds 0.125 and 0.175 both get 2,842 of 3,100 right, with dips of a
 * few queries between them), so its highest point is decided by which handful of queries sit
 * where. The moving average estimates the accuracy expected around each threshold, which is what
 * carries over to new data; it picks the middle of a broad high region rather than the edge of a
 * narrow spike. Ties keep the middle one.
 */
export function tuneThreshold(predictions: readonly Prediction[], gold: readonly string[], oosLabel: string): ThresholdChoice {
    const cases = predictions.map((prediction, i) => ({
        accept: acceptanceScore(prediction, oosLabel),
        // What is answered when accepted: the best in-scope intent.
        topIsRight: prediction.ranked.find((s) => s.intent !== oosLabel)?.intent === gold[i],
        isOutOfScope: gold[i] === oosLabel
    }));
    const right: number[] = [];
    for (let s = 0; s * step <= 1 + 1e-9; s++) {
        const threshold = s * step;
        let count = 0;
        for (const c of cases) {
            if (c.accept >= threshold ? c.topIsRight : c.isOutOfScope) count++;
        }
        right.push(count);
    }
    const smoothed = right.map((_, s) => {
        const window = right.slice(Math.max(0, s - smoothingHalfWidth), s + smoothingHalfWidth + 1);
        return window.reduce((a, b) => a + b, 0) / window.length;
    });
    const best = Math.max(...smoothed);
    const tied = smoothed.flatMap((value, s) => (value >= best - 1e-9 ? [s] : []));
    const chosen = tied[Math.floor((tied.length - 1) / 2)]!;
    return { threshold: Math.round(chosen * step * 1000) / 1000, accuracy: predictions.length ? right[chosen]! / predictions.length : 0 };
}
