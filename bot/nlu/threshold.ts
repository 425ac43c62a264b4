// Chooses the out-of-scope threshold on held-out data.
import { acceptanceScore, type Prediction } from './intentClassifier';

export interface ThresholdChoice {
    threshold: number;
    /** Accuracy on the held-out data at that threshold, out-of-scope queries counted as one more intent. */
    accuracy: number;
}

/**
 * The threshold that maximises plain accuracy on the held-out queries, the out-of-scope ones
 * counted like any other label. This weighs a wrongly rejected in-scope query the same as a
 * missed out-of-scope one; when several thresholds tie, the middle one is kept, away from the
 * edges of the plateau. Thresholds are tried in steps of 0.005.
 */
export function tuneThreshold(predictions: readonly Prediction[], gold: readonly string[], oosLabel: string): ThresholdChoice {
    const cases = predictions.map((prediction, i) => ({
        accept: acceptanceScore(prediction, oosLabel),
        // What is answered when accepted: the best in-scope intent.
        topIsRight: prediction.ranked.find((s) => s.intent !== oosLabel)?.intent === gold[i],
        isOutOfScope: gold[i] === oosLabel
    }));
    const candidates: { threshold: number; right: number }[] = [];
    for (let step = 0; step <= 200; step++) {
        const threshold = step / 200;
        let right = 0;
        for (const c of cases) {
            if (c.accept >= threshold ? c.topIsRight : c.isOutOfScope) right++;
        }
        candidates.push({ threshold, right });
    }
    const best = Math.max(...candidates.map((c) => c.right));
    const tied = candidates.filter((c) => c.right === best);
    const middle = tied[Math.floor((tied.length - 1) / 2)]!;
    return { threshold: middle.threshold, accuracy: predictions.length ? best / predictions.length : 0 };
}
