// The fixes for a case in the order to give them.
import { findSymptom } from '../knowledge/lookup';
import { planSteps } from '../knowledge/planSteps';
import type { CaseFile } from './caseFile';
import type { DialogDeps } from './dialogDeps';

/** The plan from the diagnostic answers, with what failed last time moved to the end. */
export function stepsToGive(deps: DialogDeps, caseFile: CaseFile): string[] {
    const { article, symptom } = findSymptom(deps.knowledge, caseFile.symptom!);
    const plan = planSteps(article, symptom, caseFile.answers);
    return [...plan.filter((s) => !caseFile.failedBefore.includes(s)), ...plan.filter((s) => caseFile.failedBefore.includes(s))];
}
