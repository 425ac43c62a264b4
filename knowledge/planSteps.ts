// Turns a symptom's step list and the person's diagnostic answers into the fixes to give, in
// order. Shared by the troubleshooting dialog and the knowledge checker so both see one plan.
import type { Article, Symptom } from './schema';

/** questionId -> answerId, as the person answered (or had already said). */
export type DiagnosticAnswers = Record<string, string>;

export function planSteps(article: Article, symptom: Symptom, answers: DiagnosticAnswers): string[] {
    const skip = new Set<string>();
    const first: string[] = [];
    for (const questionId of symptom.questions) {
        const answerId = answers[questionId];
        const answer = article.questions.find((q) => q.id === questionId)?.answers.find((a) => a.id === answerId);
        if (!answer) continue;
        answer.effect.skip.forEach((s) => skip.add(s));
        first.push(...answer.effect.first.filter((s) => !first.includes(s)));
    }
    const rest = symptom.steps.filter((s) => !first.includes(s));
    return [...first, ...rest].filter((s) => !skip.has(s) && symptom.steps.includes(s));
}

/** Every combination of answers to the symptom's questions: the paths a person can take. */
export function answerCombinations(article: Article, symptom: Symptom): DiagnosticAnswers[] {
    let combos: DiagnosticAnswers[] = [{}];
    for (const questionId of symptom.questions) {
        const question = article.questions.find((q) => q.id === questionId);
        if (!question) continue;
        combos = combos.flatMap((c) => question.answers.map((a) => ({ ...c, [questionId]: a.id })));
    }
    return combos;
}
