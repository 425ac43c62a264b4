// Which language to answer a message in. The text decides when it clearly is one language,
// whatever the channel's locale says (a German message from an English-locale browser is
// German); a short or mixed message ("ok", "ja", "PIN") keeps the conversation's language, or
// takes the locale's when the conversation has none yet. Asking for a language always wins, and
// an asked-for language is not undone by the text of a later message.
import { z } from 'zod';
import { languageSchema, sourceLanguage, type Language } from '../../knowledge/languages';
import type { LanguageRequests } from '../../knowledge/languageRequests';

export const languageChoiceSchema = z.object({
    language: languageSchema,
    decidedBy: z.enum(['text', 'locale', 'request'])
});
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

export type IdentifyLanguage = (text: string) => { language: Language; confidence: number } | undefined;

/** "de", "de-DE", "de_AT" -> de; a locale of a language the bot does not speak -> undefined. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
    const primary = /^([A-Za-z]{2,3})(?:[-_]|$)/.exec(locale ?? '')?.[1]?.toLowerCase();
    return languageSchema.safeParse(primary).data;
}

// Up to this many words a message can be a request ("could we do this in German please").
const requestWords = 8;

const normalise = (text: string) =>
    text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();

/** The language a message asks for, if it asks for one. */
export function requestedLanguage(text: string, requests: LanguageRequests): Language | undefined {
    const said = normalise(text);
    const words = said.split(' ');
    if (said === '' || words.length > requestWords) return undefined;
    const padded = ` ${said} `;
    for (const language of languageSchema.options) {
        const { whole, within } = requests[language];
        if (whole.some((p) => normalise(p) === said) || within.some((p) => padded.includes(` ${normalise(p)} `))) return language;
    }
    return undefined;
}

export interface ChosenLanguage extends LanguageChoice {
    /** The person asked for this language in this message. */
    requested: boolean;
    /** Different from the conversation's language before this message. */
    changed: boolean;
}

export function chooseLanguage(
    text: string,
    locale: string | undefined,
    stored: LanguageChoice | undefined,
    identify: IdentifyLanguage,
    requests: LanguageRequests
): ChosenLanguage {
    const result = (choice: LanguageChoice, requested = false): ChosenLanguage => ({
        ...choice,
        requested,
        changed: stored !== undefined && stored.language !== choice.language
    });
    const asked = requestedLanguage(text, requests);
    if (asked) return result({ language: asked, decidedBy: 'request' }, true);
    const identified = identify(text);
    if (identified && stored?.decidedBy !== 'request') return result({ language: identified.language, decidedBy: 'text' });
    if (stored) return result(stored);
    const fromLocale = languageOfLocale(locale);
    return result({ language: fromLocale ?? sourceLanguage, decidedBy: 'locale' });
}
