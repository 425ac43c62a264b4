// Finding things by id across all articles, with errors that say what is missing.
import type { Knowledge } from './load';
import type { Article, Step, Symptom } from './schema';

export function findSymptom(knowledge: Knowledge, symptomId: string): { article: Article; symptom: Symptom } {
    for (const article of knowledge.articles) {
        const symptom = article.symptoms.find((s) => s.id === symptomId);
        if (symptom) return { article, symptom };
    }
    throw new Error(`No article has the symptom '${symptomId}': check knowledge/articles (npm run knowledge:check).`);
}

export function findStep(article: Article, stepId: string): Step {
    const step = article.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`Article '${article.id}' has no step '${stepId}': run npm run knowledge:check.`);
    return step;
}

export function allSymptoms(knowledge: Knowledge): Symptom[] {
    return knowledge.articles.flatMap((a) => a.symptoms);
}
