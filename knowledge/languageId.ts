// The data the language identifier learns from (knowledge/languageId/): for each language, typical
// support sentences and its most common words; and the words both languages share, which count for
// neither. Validated here so a typo in the YAML fails at start-up with the file and field named.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { languageSchema, languages, type Language } from './languages';
import { defaultKnowledgeDir } from './load';

const wordList = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'list at least one word');

const languageSampleSchema = z.strictObject({
    language: languageSchema,
    description: z.string(),
    /** The language's most common words (function words first), each counted once. */
    words: wordList,
    /** Whole messages as customers write them, for the words' frequencies and the letter patterns. */
    sentences: z.array(z.string().trim().min(1, 'must not be empty')).min(20, 'give at least 20 sentences so letter patterns are learnt')
});
export type LanguageSample = z.infer<typeof languageSampleSchema>;

const sharedWordsSchema = z.strictObject({ description: z.string(), words: wordList });

export interface LanguageIdData {
    samples: Record<Language, LanguageSample>;
    /** Words written the same in every language (product names, technical terms): evidence for none. */
    sharedWords: string[];
}

export const defaultLanguageIdDir = join(defaultKnowledgeDir, 'languageId');

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
    const label = relative(process.cwd(), file) || file;
    let raw: unknown;
    try {
        raw = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
        throw new Error(`${label} could not be read as YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)}): fix the file.`, {
            cause: err
        });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
        throw new Error(`${label} is not valid language-identification data: ${problems.join('; ')}`);
    }
    return parsed.data;
}

/** Reads <dir>/<language>.yaml for every language and <dir>/shared.yaml; throws naming the file and field at fault. */
export function loadLanguageIdData(dir: string = defaultLanguageIdDir): LanguageIdData {
    const samples = Object.fromEntries(
        languages.map((language) => {
            const file = join(dir, `${language}.yaml`);
            const sample = readYaml(file, languageSampleSchema);
            if (sample.language !== language) throw new Error(`${file} says language '${sample.language}': it must say '${language}', as its name does.`);
            return [language, sample];
        })
    ) as Record<Language, LanguageSample>;
    return { samples, sharedWords: readYaml(join(dir, 'shared.yaml'), sharedWordsSchema).words };
}
