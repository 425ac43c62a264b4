// Which answer a typed reply means. botbuilder's choice recognizer finds every synonym inside
// the text, so "not sure" would also match "sure" (yes) and "not fixed" would match "fixed".
// Matches right after a negation are dropped, and the longest remaining match wins.
import { recognizeChoices, type Choice, type FoundChoice } from 'botbuilder-dialogs';

const negation = /\b(not|no|never|don'?t|didn'?t|doesn'?t|isn'?t|aren'?t|wasn'?t|can'?t|cannot|won'?t|hardly)\s*$/i;

export function recognizeAnswer(text: string, choices: Choice[]): FoundChoice | undefined {
    const normalized = text.replace(/[’‘]/g, "'");
    const matches = recognizeChoices(normalized, choices, { recognizeNumbers: false, recognizeOrdinals: true })
        .filter((m) => !negation.test(normalized.slice(0, m.start)));
    matches.sort((a, b) => b.end - b.start - (a.end - a.start) || b.resolution.score - a.resolution.score);
    return matches[0]?.resolution;
}
