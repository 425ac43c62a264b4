// `npm run knowledge:check`: validates knowledge/ (or the folder given) and prints each problem
// as `file: path.to.field: what is wrong`. Exit code 1 when anything is wrong.
import { KnowledgeError, loadKnowledge } from './load';

const dir = process.argv[2];
try {
    const { articles, intents, lookups, replyActs, replyLexicon } = loadKnowledge(dir);
    const symptoms = articles.reduce((n, a) => n + a.symptoms.length, 0);
    const utterances = intents.reduce((n, i) => n + i.utterances.length, 0);
    console.log(`knowledge ok: ${articles.length} article(s), ${symptoms} symptoms, ${intents.length} intents, ${utterances} training utterances, ${lookups.length} lookup table(s), ${replyActs.length} reply acts with ${replyActs.reduce((n, a) => n + a.examples.length, 0)} example replies, ${replyLexicon.length} reply lexicon(s)`);
} catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    for (const problem of err.problems) console.error(problem);
    console.error(`${err.problems.length} problem(s) found.`);
    process.exit(1);
}
