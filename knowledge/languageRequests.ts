// What a person types to choose the bot's language (knowledge/languageRequests.yaml): data, so a
// new wording or a new language is a content change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { languageSchema } from './languages';

const phrases = z.array(z.string().trim().min(1).toLowerCase()).min(1);
export const languageRequestsSchema = z.record(languageSchema, z.object({ whole: phrases, within: phrases }));
export type LanguageRequests = z.infer<typeof languageRequestsSchema>;

export function loadLanguageRequests(dir: string): LanguageRequests {
    const file = join(dir, 'languageRequests.yaml');
    const parsed = languageRequestsSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${file}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
        throw new Error(`The language requests are invalid:\n  ${problems.join('\n  ')}\nFix the file; \`npm run knowledge:check\` re-checks it.`);
    }
    return parsed.data;
}
