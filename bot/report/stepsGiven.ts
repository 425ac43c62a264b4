// Which fix steps a closed case was given, and how each ended. A case record lists the steps the
// person answered; a case abandoned while a step was on screen has one more step, unanswered.
// That step is the first one of the symptom's plan (from the diagnostic answers) not yet
// answered, provided every diagnostic question was answered (otherwise no step had been given).
// Shared by the report and the metrics so both count the funnel the same way.
import { stepOutcomes, type StepOutcome } from '../../dialogs/caseFile';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { Knowledge } from '../../knowledge/load';
import { planSteps } from '../../knowledge/planSteps';

export type CaseRecord = Extract<FeedbackRecord, { kind: 'case' }>;

/** A step's end: the person's answer, or 'abandoned' when the case ended with the step unanswered. */
export type GivenStepOutcome = StepOutcome | 'abandoned';

export interface GivenStep {
    id: string;
    outcome: GivenStepOutcome;
}

export const givenStepOutcomes: readonly GivenStepOutcome[] = [...stepOutcomes, 'abandoned'];

/**
 * The steps given in the case, in order. Without the knowledge base (or for a symptom it no
 * longer has) the abandoned step cannot be inferred and only the answered steps are returned.
 */
export function stepsGiven(record: CaseRecord, knowledge?: Knowledge): GivenStep[] {
    const given: GivenStep[] = record.steps.map((s) => ({ id: s.id, outcome: s.outcome }));
    const pending = record.outcome === 'abandoned' && knowledge ? pendingStep(record, knowledge) : undefined;
    if (pending) given.push({ id: pending, outcome: 'abandoned' });
    return given;
}

function pendingStep(record: CaseRecord, knowledge: Knowledge): string | undefined {
    if (!record.symptom) return undefined;
    for (const article of knowledge.articles) {
        const symptom = article.symptoms.find((s) => s.id === record.symptom);
        if (!symptom) continue;
        // Still in the diagnostic questions: no step had been given yet.
        if (!symptom.questions.every((q) => q in record.answers)) return undefined;
        const answered = new Set(record.steps.map((s) => s.id));
        // Undefined when every planned step was answered: abandoned at the offer of a human.
        return planSteps(article, symptom, record.answers).find((id) => !answered.has(id));
    }
    return undefined;
}
