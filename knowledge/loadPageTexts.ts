// Reads one language's texts for a page the server writes itself: knowledge/<file> for English,
// knowledge/<language>/<file> for the others. Read once when the server starts; a missing or
// invalid file stops it with a KnowledgeError naming the file and the field.
import { join } from 'node:path';
import type { z } from 'zod';
import { sourceLanguage, type Language } from './languages';
import { defaultKnowledgeDir, readKnowledgeFile } from './load';
import { legalPagesTextsSchema, webChatPageTextsSchema, type LegalPagesTexts, type WebChatPageTexts } from './pageTextSchema';

function loadPageTexts<T>(file: string, schema: z.ZodType<T>, language: Language, dir: string): T {
    return readKnowledgeFile(language === sourceLanguage ? join(dir, file) : join(dir, language, file), schema);
}

export const loadWebChatPageTexts = (language: Language, dir: string = defaultKnowledgeDir): WebChatPageTexts =>
    loadPageTexts('webChatPage.yaml', webChatPageTextsSchema, language, dir);

export const loadLegalPagesTexts = (language: Language, dir: string = defaultKnowledgeDir): LegalPagesTexts =>
    loadPageTexts('legalPages.yaml', legalPagesTextsSchema, language, dir);
