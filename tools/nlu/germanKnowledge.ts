// TEMPORARY, until the loader reads knowledge/de/ (issue 19): the knowledge base with German intents
// (knowledge/de/intents/) and German lookup tables where there are any (knowledge/de/lookups/),
// the rest English, so `nlu --language de` can train and cross-validate German now.
// At the merge this file goes and its callers use `loadKnowledgeBase().de`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledge, type Knowledge } from '../../knowledge/load';
import { intentExamplesSchema, lookupSchema } from '../../knowledge/schema';

function readFolder<T>(folder: string, schema: z.ZodType<T>, problems: string[]): (T & { file: string })[] {
    let names: string[];
    try {
        names = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();
    } catch {
        return [];
    }
    return names.flatMap((name) => {
        const file = relative(process.cwd(), join(folder, name));
        try {
            const parsed = schema.safeParse(parseYaml(readFileSync(join(folder, name), 'utf8')));
            if (parsed.success) return [{ ...parsed.data, file }];
            for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
        } catch (err) {
            problems.push(`${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        }
        return [];
    });
}

export function loadGermanIntentKnowledge(dir: string = defaultKnowledgeDir): Pick<Knowledge, 'intents' | 'lookups'> {
    const english = loadKnowledge(dir);
    const problems: string[] = [];
    const intents = readFolder(join(dir, 'de', 'intents'), intentExamplesSchema, problems);
    const germanLookups = readFolder(join(dir, 'de', 'lookups'), lookupSchema, problems);
    if (intents.length === 0) problems.push(`${relative(process.cwd(), join(dir, 'de', 'intents'))}: (folder): no German intent files found`);
    if (problems.length > 0) throw new KnowledgeError(problems);
    // A German table replaces the English one of the same name; the others stay as they are.
    const replaced = new Set(germanLookups.map((table) => table.lookup));
    const lookups = [...english.lookups.filter((table) => !replaced.has(table.lookup)), ...germanLookups.map(({ file: _file, ...table }) => table)];
    return { intents, lookups };
}
