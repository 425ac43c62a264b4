// Checks a translation (knowledge/de/) against the English it translates: every text a customer
// reads has its translation, ids, structure and numbers are the English ones, each template
// keeps the English placeholders, and every intent and reply act has its examples. Works on the
// YAML as written, so a missing text is reported as missing rather than as a schema error.
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isAgentOnlyReply } from './agentOnlyReplies';
import { languageDir, readYaml, yamlFiles } from './load';
import type { Language } from './languages';

/**
 * How a value of the English file is carried over: translated, replaced by the language's own
 * words, kept as is (`inherited`: may be left out, since the loader takes it from English), or
 * compared part by part.
 */
type Kind = 'text' | 'words' | 'same' | 'inherited' | 'structure' | 'agentOnly';
/** Decides from the field names on the way down (list positions left out) and the English value. */
type Classify = (keys: string[], english: unknown) => Kind;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStructure = (value: unknown) => isRecord(value) || (Array.isArray(value) && value.some((v) => isRecord(v) || Array.isArray(v)));

/** Lists of words people type, matched against what they say: each language has its own, of any length. */
const wordLists = new Set(['phrases', 'alreadySaid', 'mentions', 'about']);
/** Article fields a customer reads. Everything else (ids, numbers, `basis` and `source`, which cite the English source) stays as in English. */
const articleTexts = new Set(['title', 'label', 'summary', 'advice', 'inWords', 'primarySuspect', 'likelyCause', 'confirm', 'prompt', 'instructions']);

const classifyArticle: Classify = (keys, english) => {
    const key = keys.at(-1) ?? '';
    if (wordLists.has(key)) return 'words';
    if (isStructure(english)) return 'structure';
    return typeof english === 'string' && articleTexts.has(key) ? 'text' : 'same';
};

const classifyReplies: Classify = (keys, english) => {
    if (keys.length > 0 && isAgentOnlyReply(keys.join('.'))) return 'agentOnly';
    const key = keys.at(-1) ?? '';
    if (keys[0] === 'answerActs' || (keys[0] === 'answers' && (key === 'acts' || key === 'vocabulary'))) return 'inherited';
    if ((keys[0] === 'vocabulary' && keys.length === 2) || wordLists.has(key)) return 'words';
    if (isStructure(english)) return 'structure';
    return typeof english === 'string' ? 'text' : 'same';
};

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => `{${m[1]}}`))];
const show = (value: unknown) => JSON.stringify(value);

/** Compares one file's English and translated YAML, pushing `file: path: what is wrong`. */
function compareFile(english: unknown, translated: unknown, classify: Classify, file: string, problems: string[]): void {
    const walk = (en: unknown, tr: unknown, at: (string | number)[]): void => {
        const where = at.length === 0 ? '(top level)' : at.join('.');
        const problem = (message: string): void => { problems.push(`${file}: ${where}: ${message}`); };
        const keys = at.filter((k): k is string => typeof k === 'string');
        const kind = classify(keys, en);
        switch (kind) {
            case 'agentOnly':
                if (tr !== undefined) problem('only agents read this, and the agent desk works in English: leave it out of the translation');
                return;
            case 'text': {
                if (typeof tr !== 'string' || tr.trim() === '') return problem('missing German text');
                const [enNames, trNames] = [placeholders(String(en)), placeholders(tr)];
                if (!isDeepStrictEqual([...enNames].sort(), [...trNames].sort())) {
                    problem(`placeholders differ: English has ${enNames.join(', ') || 'none'}; German has ${trNames.join(', ') || 'none'}`);
                }
                return;
            }
            case 'words':
                if (Array.isArray(en) && en.length > 0 && (!Array.isArray(tr) || tr.length === 0 || tr.some((w) => typeof w !== 'string' || w.trim() === ''))) {
                    problem('missing German words: list what German speakers would type');
                }
                return;
            case 'inherited':
            case 'same':
                if (tr === undefined && kind === 'inherited') return;
                if (tr === undefined) return problem(`missing: must be the same as in English (${show(en)})`);
                if (!isDeepStrictEqual(en, tr)) problem(`differs from English: English has ${show(en)}, German has ${show(tr)}; ids, numbers and references stay as in English`);
                return;
            case 'structure':
                if (tr === undefined) return problem('missing German text');
                if (Array.isArray(en)) {
                    if (!Array.isArray(tr)) return problem('must be a list, as in English');
                    if (tr.length !== en.length) problem(`English has ${en.length} entries, German has ${tr.length}: keep the same entries in the same order`);
                    en.slice(0, tr.length).forEach((item, i) => walk(item, tr[i], [...at, i]));
                    return;
                }
                if (!isRecord(tr) || !isRecord(en)) return problem('must have fields, as in English');
                for (const [key, value] of Object.entries(en)) walk(value, tr[key], [...at, key]);
                for (const key of Object.keys(tr).filter((k) => !(k in en))) {
                    if (!wordLists.has(key)) problems.push(`${file}: ${[...at, key].join('.')}: not in the English file: remove it, or add it to the English first`);
                }
        }
    };
    walk(english, translated, []);
}

const label = (file: string) => relative(process.cwd(), file) || file;

/** The file's YAML, or undefined when it is missing or unreadable (the loader reports syntax errors). */
function yamlOf(file: string): { value: unknown } | undefined {
    return existsSync(file) ? readYaml(file, label(file), []) : undefined;
}

/** Each English file of a folder has its translation, and the translation no file English lacks. */
function pairFiles(enDir: string, trDir: string, problems: string[], each: (en: string, tr: string) => void): void {
    const enNames = yamlFiles(enDir).map((f) => basename(f));
    for (const name of enNames) {
        const tr = join(trDir, name);
        if (existsSync(tr)) each(join(enDir, name), tr);
        else problems.push(`${label(tr)}: (file): missing: translate ${label(join(enDir, name))}`);
    }
    for (const f of yamlFiles(trDir).filter((f) => !enNames.includes(basename(f)))) {
        problems.push(`${label(f)}: (file): has no English counterpart in ${label(enDir)}: remove it, or add the English first`);
    }
}

/** Training examples: the same intent or act name as English, and at least one example of its own. */
function compareExamples(nameField: 'intent' | 'act', listField: 'utterances' | 'examples') {
    return (enFile: string, trFile: string, problems: string[]) => {
        const [en, tr] = [yamlOf(enFile)?.value, yamlOf(trFile)];
        if (!tr) return;
        const examples = isRecord(tr.value) ? tr.value[listField] : undefined;
        if (!Array.isArray(examples) || examples.length === 0) {
            return problems.push(`${label(trFile)}: ${listField}: has no German examples: write what German speakers would say`);
        }
        const name = isRecord(en) ? en[nameField] : undefined;
        const trName = isRecord(tr.value) ? tr.value[nameField] : undefined;
        if (name !== trName) problems.push(`${label(trFile)}: ${nameField}: differs from English: English has ${show(name)}, German has ${show(trName)}`);
    };
}

/** Every problem of the translation into `language` under `dir/<language>`; empty when it is complete. */
export function checkTranslation(dir: string, language: Language): string[] {
    const problems: string[] = [];
    const trDir = languageDir(dir, language);

    pairFiles(join(dir, 'articles'), join(trDir, 'articles'), problems, (en, tr) => {
        const [enYaml, trYaml] = [yamlOf(en), yamlOf(tr)];
        if (enYaml && trYaml) compareFile(enYaml.value, trYaml.value, classifyArticle, label(tr), problems);
    });
    const intents = compareExamples('intent', 'utterances');
    pairFiles(join(dir, 'intents'), join(trDir, 'intents'), problems, (en, tr) => intents(en, tr, problems));
    const acts = compareExamples('act', 'examples');
    pairFiles(join(dir, 'replyActs'), join(trDir, 'replyActs'), problems, (en, tr) => acts(en, tr, problems));

    const enReplies = join(dir, 'replies.yaml');
    const trReplies = join(trDir, 'replies.yaml');
    if (!existsSync(trReplies)) {
        problems.push(`${label(trReplies)}: (file): missing: translate what customers read in ${label(enReplies)}`);
    } else {
        const [en, tr] = [yamlOf(enReplies), yamlOf(trReplies)];
        if (en && tr) compareFile(en.value, tr.value ?? {}, classifyReplies, label(trReplies), problems);
    }
    return problems;
}
