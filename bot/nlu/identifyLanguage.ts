// Which language a customer's message is in, or that it cannot be told (undefined): "ok", "PIN",
// "BMW X3" or an emoji read the same in English and German, and the caller then keeps the
// conversation's language or the channel's locale.
import type { Language } from '../../knowledge/languages';
import { loadLanguageIdData } from '../../knowledge/languageId';
import { favoured, LanguageEvidence } from './languageEvidence';

/**
 * Below this probability the message is "cannot tell". Chosen on the benchmark's dev split
 * (tools/benchmarks/language/tune.ts), never on its test split.
 */
export const languageConfidenceThreshold = 0.6;
/** How far an unseen word's letter patterns count against a seen word's frequency; chosen with the threshold. */
const letterWeight = 1.5;

/** Longer messages say no more about their language, and a cap keeps a 10 kB paste cheap. */
const maxCharacters = 2000;

let evidence: LanguageEvidence | undefined;

/** Learns from knowledge/languageId/ on first use; throws there, naming the file, if the data is invalid. */
function model(): LanguageEvidence {
    evidence ??= new LanguageEvidence(loadLanguageIdData(), letterWeight);
    return evidence;
}

export function identifyLanguage(text: string): { language: Language; confidence: number } | undefined {
    if (typeof text !== 'string' || text.trim() === '') return undefined;
    const weighed = model().weigh(text.slice(0, maxCharacters));
    if (weighed.telling === 0 || !Number.isFinite(weighed.logOdds)) return undefined;
    const choice = favoured(weighed);
    return choice.confidence >= languageConfidenceThreshold ? choice : undefined;
}
