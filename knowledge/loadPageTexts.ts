// Reads one language's texts for a page the server writes itself: knowledge/<file> for English,
// knowledge/<language>/<file> for the others. Read once when the server starts; a missing or
// invalid file stops it with a KnowledgeError naming the file and the field.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { sourceLanguage, type Language } from './languages';
import { defaultKnowledgeDir, KnowledgeError } from './load';
import { legalPagesTextsSchema, webChatPageTextsSchema, type LegalPagesTexts, type WebChatPageTexts } from './pageTextSchema';

function loadPageTexts<T>(file: string, schema: z.ZodType<T>, language: Language, dir: string): T {
    const path = language === sourceLanguage ? join(dir, file) : join(dir, language, file);
    const label = relative(process.cwd(), path) || path;
    let raw: unknown;
    try {
        raw = parseYaml(readFileSync(path, 'utf8'));
    } catch (err) {
        throw new KnowledgeError([`${label}: (file): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`]);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new KnowledgeError(parsed.error.issues.map((issue) => `${label}: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`));
    return parsed.data;
}

export const loadWebChatPageTexts = (language: Language, dir: string = defaultKnowledgeDir): WebChatPageTexts =>
    loadPageTexts('webChatPage.yaml', webChatPageTextsSchema, language, dir);

export const loadLegalPagesTexts = (language: Language, dir: string = defaultKnowledgeDir): LegalPagesTexts =>
    loadPageTexts('legalPages.yaml', legalPagesTextsSchema, language, dir);
