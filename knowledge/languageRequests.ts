// What a person types to choose the bot's language (knowledge/languageRequests.yaml): data, so a
// new wording or a new language is a content change.
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema } from './languages';
import { readKnowledgeFile } from './load';

const phrases = z.array(z.string().trim().min(1).toLowerCase()).min(1);
export const languageRequestsSchema = z.record(languageSchema, z.object({ whole: phrases, within: phrases }));
export type LanguageRequests = z.infer<typeof languageRequestsSchema>;

/** Throws a KnowledgeError naming the file and field when the file is invalid. */
export function loadLanguageRequests(dir: string): LanguageRequests {
    return readKnowledgeFile(join(dir, 'languageRequests.yaml'), languageRequestsSchema);
}
