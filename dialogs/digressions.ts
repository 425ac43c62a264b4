// What the bot says when a person asks something in the middle of a question: why, how hard,
// how to do it, or about a topic of a related article. Every answer comes from the article;
// where the article says no more, the answer says so instead of inventing instructions.
import type { Knowledge } from '../knowledge/load';
import { findSymptom } from '../knowledge/lookup';
import type { Article, Replies, Symptom } from '../knowledge/schema';
import { fillTemplate } from './fillTemplate';
import type { Language } from '../knowledge/languages';

/** The article's difficulty from which the bot offers professional help before the fixes. */
export const earlyHelpDifficulty = 4;

/** How hard the symptom is, in a customer's words: never "difficulty 2 of 5". */
export function difficultyInWords(replies: Replies, symptom: Symptom): string {
    const level = symptom.difficulty <= 2 ? 'easy' : symptom.difficulty < earlyHelpDifficulty ? 'medium' : 'hard';
    return replies.difficulty[level];
}

// British English joins without a serial comma ("a, b and c"), as the bot's English was written.
const listLocales: Record<Language, string> = { en: 'en-GB', de: 'de' };

/** "a, b and c" (German "a, b und c"): lists read as a sentence, by the language's own rules (ICU, built into Node). */
export function inWords(items: string[], language: Language, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    return new Intl.ListFormat(listLocales[language], { type }).format(items);
}


/** Given once the symptom is confirmed: how hard it is and the likely cause, as information. */
export function aboutSymptom(knowledge: Knowledge, symptomId: string): string {
    const { symptom } = findSymptom(knowledge, symptomId);
    return fillTemplate(knowledge.replies.aboutSymptom, { difficulty: difficultyInWords(knowledge.replies, symptom), cause: symptom.likelyCause });
}

export function answerWhy(knowledge: Knowledge, symptomId: string): string {
    const { article, symptom } = findSymptom(knowledge, symptomId);
    const causes = symptom.rootCauses.map((id) => article.rootCauses.find((c) => c.id === id)!.inWords);
    return fillTemplate(knowledge.replies.understanding.why, { cause: symptom.likelyCause, causes: inWords(causes, knowledge.language) });
}

export function answerHowHard(knowledge: Knowledge, symptomId: string): string {
    const { symptom } = findSymptom(knowledge, symptomId);
    return fillTemplate(knowledge.replies.understanding.howHard, { difficulty: difficultyInWords(knowledge.replies, symptom) });
}

/**
 * "How do I do that?" about a fix step gives its instructions; about a diagnostic question, the
 * instructions of the step that fixes what it checks. Then, honestly, that the guide says no more.
 */
export function answerHow(knowledge: Knowledge, symptomId: string | undefined, subject: string): string[] {
    const { understanding } = knowledge.replies;
    const article = symptomId ? findSymptom(knowledge, symptomId).article : undefined;
    const step = article && stepAbout(article, subject);
    return step ? [fillTemplate(understanding.howStep, { instructions: step.instructions }), understanding.howNothingMore] : [understanding.howNothingMore];
}

function stepAbout(article: Article, subject: string) {
    const direct = article.steps.find((s) => s.id === subject);
    if (direct) return direct;
    const fixing = article.questions.find((q) => q.id === subject)?.answers.find((a) => a.effect.first.length > 0)?.effect.first[0];
    return fixing ? article.steps.find((s) => s.id === fixing) : undefined;
}

/** A related article ("see also") the text asks about, by the words that name its topic. */
export function relatedArticleAsked(knowledge: Knowledge, text: string): string | undefined {
    const said = text.toLowerCase().replace(/[’']/g, "'");
    for (const article of knowledge.articles) {
        const related = article.seeAlso.find((r) => r.mentions.some((m) => said.includes(m.toLowerCase())));
        if (related) return fillTemplate(knowledge.replies.understanding.seeAlso, { title: related.title });
    }
    return undefined;
}
