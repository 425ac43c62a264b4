// The languages the bot speaks. English is the source: every other language's content under
// knowledge/<language>/ translates it and is checked against it by `npm run knowledge:check`.
import { z } from 'zod';

export const languageSchema = z.enum(['en', 'de']);
export type Language = z.infer<typeof languageSchema>;

export const languages = languageSchema.options;
export const sourceLanguage: Language = 'en';

/** One value for each language the bot speaks, made by `make`. */
export function perLanguage<T>(make: (language: Language) => T): Record<Language, T> {
    return Object.fromEntries(languages.map((language) => [language, make(language)])) as Record<Language, T>;
}
