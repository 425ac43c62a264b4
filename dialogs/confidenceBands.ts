// How sure the bot must be before it acts on a guess. The classifier's scores are softmax
// probabilities, so these thresholds mean the same thing for every message.
import type { Classification } from '../bot/nlu/classification';

export type Band = 'high' | 'medium' | 'low' | 'ambiguous';

/** At or above: act, and may interrupt a prompt. */
export const highConfidence = 0.7;
/** At or above: act at the top level (troubleshooting still confirms the symptom first). */
export const mediumConfidence = 0.45;
/** Two symptoms this close, each at least this likely, are worth asking about. */
export const ambiguityGap = 0.25;
export const ambiguityFloor = 0.2;

/**
 * `none` for a message that names something the bot knows of (an entry of a lookup table, such as
 * another maker's app), or with known words and a score of at least `highConfidence` (the
 * classifier's certainty that it is none of ours): the message is about something else, not unclear.
 */
export function isClearlyOutOfScope(classification: Classification): boolean {
    if (classification.intent !== 'none') return false;
    if (classification.lookups?.length) return true;
    return classification.score >= highConfidence && classification.alternatives.length > 0;
}

export function bandOf(classification: Classification, symptomIds: ReadonlySet<string>): Band {
    const [first, second] = classification.alternatives;
    if (
        first && second &&
        symptomIds.has(first.intent) && symptomIds.has(second.intent) &&
        second.score >= ambiguityFloor && first.score - second.score < ambiguityGap
    ) {
        return 'ambiguous';
    }
    if (classification.intent === 'none') return 'low';
    if (classification.score >= highConfidence) return 'high';
    return classification.score >= mediumConfidence ? 'medium' : 'low';
}
