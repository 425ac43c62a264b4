// `npm run knowledge:check`: validates knowledge/ (or the folder given), then each translation
// against it, and prints each problem as `file: path.to.field: what is wrong`. Exit code 1 when
// anything is wrong. English is checked first on its own: translations are compared with it.
import { checkTranslation } from './checkTranslation';
import { languages, sourceLanguage } from './languages';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledge, loadKnowledgeBase, type Knowledge, type KnowledgeBase } from './load';

function fail(problems: string[]): never {
    for (const problem of problems) console.error(problem);
    console.error(`${problems.length} problem(s) found.`);
    process.exit(1);
}

/** What `load` returns, or the problems it found. */
function attempt<T>(load: () => T): { loaded: T; problems: [] } | { loaded: undefined; problems: string[] } {
    try {
        return { loaded: load(), problems: [] };
    } catch (err) {
        if (err instanceof KnowledgeError) return { loaded: undefined, problems: err.problems };
        throw err;
    }
}

function summary({ language, articles, intents, lookups, replyActs, replyLexicon }: Knowledge): string {
    const symptoms = articles.reduce((n, a) => n + a.symptoms.length, 0);
    const utterances = intents.reduce((n, i) => n + i.utterances.length, 0);
    return `knowledge ok (${language}): ${articles.length} article(s), ${symptoms} symptoms, ${intents.length} intents, ${utterances} training utterances, ${lookups.length} lookup table(s), ${replyActs.length} reply acts with ${replyActs.reduce((n, a) => n + a.examples.length, 0)} example replies, ${replyLexicon.length} reply lexicon(s)`;
}

const dir = process.argv[2] ?? defaultKnowledgeDir;
const english = attempt(() => loadKnowledge(dir));
if (english.problems.length > 0) fail(english.problems);

const translationProblems = languages.filter((l) => l !== sourceLanguage).flatMap((language) => checkTranslation(dir, language));
const base = attempt((): KnowledgeBase => loadKnowledgeBase(dir));
// A missing German text is also a schema error; the translation check's words say more, so keep only those.
const whereOf = (problem: string) => problem.split(': ').slice(0, 2).join(': ');
const reported = new Set(translationProblems.map(whereOf));
const problems = [...translationProblems, ...base.problems.filter((p) => !reported.has(whereOf(p)))];
if (problems.length > 0 || !base.loaded) fail(problems);
for (const language of languages) console.log(summary(base.loaded[language]));
