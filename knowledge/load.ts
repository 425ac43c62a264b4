// Reads and validates every file in knowledge/. Errors name the file and the field, so a
// content author can fix them without reading code: `file: path.to.field: what is wrong`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { articleSchema, intentExamplesSchema, lookupSchema, repliesSchema, type Article, type IntentExamples, type Lookup, type Replies } from './schema';
import { checkKnowledgeGraph } from './checkGraph';
import { replyActExamplesSchema, type ReplyActExamples } from './replyActSchema';
import { deskDataSchema, type DeskData } from './deskSchema';
import { questionKinds, replyActs } from './replyActs';
import { languages, sourceLanguage, type Language } from './languages';
import { replyMarkingWordsSchema, type ReplyMarkingWords } from './replyMarkingSchema';

/** knowledge/ itself, whether this file runs from source (tsx) or from the build in dist/. */
export const defaultKnowledgeDir = basename(dirname(__dirname)) === 'dist' ? join(__dirname, '..', '..', 'knowledge') : __dirname;

/** Intent examples remember their file so problems found later can still name it. */
export type LoadedIntent = IntentExamples & { file: string };

export interface Knowledge {
    /** Whose words these are: English from knowledge/, a translation from knowledge/<language>/. */
    language: Language;
    articles: Article[];
    intents: LoadedIntent[];
    /** The classifier's lookup tables (knowledge/lookups/, optional). */
    lookups: Lookup[];
    replies: Replies;
    /** Example replies per dialog act (knowledge/replyActs/), the reply classifier's training data. */
    replyActs: LoadedReplyAct[];
    /** The reply classifier's lookup tables (knowledge/replyLexicon/, optional): kept apart so the intent classifier never sees them. */
    replyLexicon: Lookup[];
    /** The agent desk's dispositions (knowledge/desk.yaml). */
    desk: DeskData;
    /** The words that mark negation, hedges, questions, contrast and ratings in a reply (knowledge/replyMarking.yaml). */
    replyMarking: ReplyMarkingWords;
}

export type LoadedReplyAct = ReplyActExamples & { file: string };

/** The knowledge in every language the bot speaks. */
export type KnowledgeBase = Record<Language, Knowledge>;

export class KnowledgeError extends Error {
    constructor(readonly problems: string[]) {
        super(`The knowledge base is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
            problems.map((p) => `  ${p}`).join('\n') +
            '\nFix the files above; `npm run knowledge:check` re-checks them.');
        this.name = 'KnowledgeError';
    }
}

export function yamlFiles(dir: string): string[] {
    try {
        return readdirSync(dir)
            .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
            .sort()
            .map((name) => join(dir, name));
    } catch {
        return [];
    }
}

function formatPath(path: PropertyKey[]): string {
    return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/** Parses one YAML file as it is, before any schema; a syntax error becomes a problem. */
export function readYaml(file: string, label: string, problems: string[]): { value: unknown } | undefined {
    try {
        return { value: parseYaml(readFileSync(file, 'utf8')) };
    } catch (err) {
        const where = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}` : '(file)';
        problems.push(`${label}: ${where}: ${err instanceof Error ? err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') : String(err)}`);
        return undefined;
    }
}

function validate<T>(raw: unknown, schema: z.ZodType<T>, label: string, problems: string[]): T | undefined {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push(`${label}: ${formatPath(issue.path)}: ${issue.message}`);
        return undefined;
    }
    return parsed.data;
}

/** Parses and validates one file; pushes readable problems instead of throwing. */
function readFile<T>(file: string, schema: z.ZodType<T>, label: string, problems: string[]): T | undefined {
    const raw = readYaml(file, label, problems);
    return raw && validate(raw.value, schema, label, problems);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` on top of `base`: objects merge key by key, anything else in `over` replaces what `base` has. */
function deepMerge(base: unknown, over: unknown): unknown {
    if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(base[key], value);
    return merged;
}

/** The source language's knowledge a translation falls back on: lookups when it has none, replies it leaves out, the desk. */
type Fallback = Pick<Knowledge, 'lookups' | 'replies' | 'desk'>;

/**
 * Reads one language's folder. English (no fallback) needs every file; a translation
 * (knowledge/de/) has its own articles, intents, reply acts and reply lexicon, and takes from
 * English its lookups if it has none, every reply it leaves out (the desk's texts for agents) and the desk.
 */
function readLanguage(dir: string, language: Language, fallback: Fallback | undefined, problems: string[]): Knowledge | undefined {
    const count = problems.length;
    const label = (file: string) => relative(process.cwd(), file) || file;

    const articleFiles = yamlFiles(join(dir, 'articles'));
    if (articleFiles.length === 0) problems.push(`${label(join(dir, 'articles'))}: (folder): no article files found`);
    const articles = articleFiles.flatMap((f) => readFile(f, articleSchema, label(f), problems) ?? []);

    const intentFiles = yamlFiles(join(dir, 'intents'));
    if (intentFiles.length === 0) problems.push(`${label(join(dir, 'intents'))}: (folder): no intent files found`);
    const intents = intentFiles.flatMap((f) => {
        const examples = readFile(f, intentExamplesSchema, label(f), problems);
        return examples ? [{ ...examples, file: label(f) }] : [];
    });

    const readLookups = (folder: string) => {
        const names = new Map<string, string>();
        return yamlFiles(join(dir, folder)).flatMap((f) => {
            const table = readFile(f, lookupSchema, label(f), problems);
            if (!table) return [];
            const other = names.get(table.lookup);
            if (other) problems.push(`${label(f)}: lookup: '${table.lookup}' is already the name of the table in ${other}`);
            names.set(table.lookup, label(f));
            return [table];
        });
    };
    const ownLookups = yamlFiles(join(dir, 'lookups')).length > 0;
    const lookups = fallback && !ownLookups ? fallback.lookups : readLookups('lookups');
    const replyLexicon = readLookups('replyLexicon');

    const replyActsDir = join(dir, 'replyActs');
    const replyActFiles = yamlFiles(replyActsDir);
    const actFiles = new Map<string, string>();
    const loadedReplyActs = replyActFiles.flatMap((f) => {
        const examples = readFile(f, replyActExamplesSchema, label(f), problems);
        if (!examples) return [];
        const other = actFiles.get(examples.act);
        if (other) problems.push(`${label(f)}: act: '${examples.act}' already has its examples in ${other}: merge the two files`);
        actFiles.set(examples.act, label(f));
        return [{ ...examples, file: label(f) }];
    });
    if (replyActFiles.length > 0 && problems.length === count) {
        const missing = replyActs.filter((act) => !actFiles.has(act));
        if (missing.length > 0) problems.push(`${label(replyActsDir)}: (folder): no examples for the act(s) ${missing.join(', ')}: add a file for each (act, description, kinds, examples)`);
        for (const kind of questionKinds) {
            const answering = loadedReplyActs.filter((a) => a.kinds.includes(kind)).map((a) => a.act);
            if (answering.length < 2) problems.push(`${label(replyActsDir)}: (folder): only ${answering.length} act(s) list the question kind '${kind}': a classifier needs at least two to choose from`);
        }
    } else if (replyActFiles.length === 0) {
        problems.push(`${label(replyActsDir)}: (folder): no reply-act files found`);
    }

    const repliesFile = join(dir, 'replies.yaml');
    let replies: Replies | undefined;
    if (fallback) {
        const own = readYaml(repliesFile, label(repliesFile), problems);
        if (own) replies = validate(deepMerge(fallback.replies, own.value ?? {}), repliesSchema, label(repliesFile), problems);
    } else {
        replies = readFile(repliesFile, repliesSchema, label(repliesFile), problems);
    }
    const deskFile = join(dir, 'desk.yaml');
    const desk = fallback ? fallback.desk : readFile(deskFile, deskDataSchema, label(deskFile), problems);
    const replyMarkingFile = join(dir, replyMarkingFileName);
    const replyMarking = readFile(replyMarkingFile, replyMarkingWordsSchema, label(replyMarkingFile), problems);

    if (problems.length === count && replies) {
        problems.push(...checkKnowledgeGraph({ articles, intents, replies }, articleFiles.map(label), label(join(dir, 'intents')), label(repliesFile)));
    }
    if (problems.length > count || !replies || !desk || !replyMarking) return undefined;
    return { language, articles, intents, lookups, replies, replyActs: loadedReplyActs, replyLexicon, desk, replyMarking };
}

/** Loads the English knowledge in knowledge/ (or another folder of the same layout) and throws a KnowledgeError listing every problem. */
export function loadKnowledge(dir: string = defaultKnowledgeDir): Knowledge {
    const problems: string[] = [];
    const knowledge = readLanguage(dir, sourceLanguage, undefined, problems);
    if (!knowledge) throw new KnowledgeError(problems);
    return knowledge;
}

/** The folder of a translation's content: knowledge/de/ beside the English in knowledge/. */
export const languageDir = (dir: string, language: Language) => (language === sourceLanguage ? dir : join(dir, language));

/**
 * Every language's knowledge: English from `dir`, each translation from `dir/<language>`.
 * Throws a KnowledgeError listing every problem; a translation is read only once English is sound,
 * since it falls back on English.
 */
export function loadKnowledgeBase(dir: string = defaultKnowledgeDir): KnowledgeBase {
    const source = loadKnowledge(dir);
    const problems: string[] = [];
    const base: Partial<KnowledgeBase> = { [sourceLanguage]: source };
    for (const language of languages.filter((l) => l !== sourceLanguage)) {
        const knowledge = readLanguage(languageDir(dir, language), language, source, problems);
        if (knowledge) base[language] = knowledge;
    }
    if (problems.length > 0) throw new KnowledgeError(problems);
    return base as KnowledgeBase;
}

const replyMarkingFileName = 'replyMarking.yaml';

/** Only the reply-marking words of a knowledge folder (knowledge/ or knowledge/<language>/), for code that needs no more. */
export function loadReplyMarking(dir: string = defaultKnowledgeDir): ReplyMarkingWords {
    const problems: string[] = [];
    const file = join(dir, replyMarkingFileName);
    const words = readFile(file, replyMarkingWordsSchema, relative(process.cwd(), file) || file, problems);
    if (!words) throw new KnowledgeError(problems);
    return words;
}

/** One file of knowledge/ outside the folders above, validated; throws a KnowledgeError naming the file and field. */
export function readKnowledgeFile<T>(file: string, schema: z.ZodType<T>): T {
    const problems: string[] = [];
    const data = readFile(file, schema, relative(process.cwd(), file) || file, problems);
    if (data === undefined) throw new KnowledgeError(problems);
    return data;
}
