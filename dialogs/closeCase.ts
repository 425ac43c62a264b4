// A case ends once: resolved, escalated, declined or abandoned. The outcome goes to the
// feedback records (for analytics) and to the person's history (UserState).
import type { TurnContext } from 'botbuilder';
import type { CaseOutcome } from './caseFile';
import type { DialogDeps } from './dialogDeps';
import { keptHistory, userProfileSchema } from './userProfile';

export async function closeCase(deps: DialogDeps, context: TurnContext, outcome: CaseOutcome): Promise<void> {
    const caseFile = await deps.caseFile.get(context);
    if (!caseFile || caseFile.outcome) return;
    caseFile.outcome = outcome;
    // A chat that never got to a problem (a greeting, then goodbye) is not a case worth counting.
    if (!caseFile.symptom && outcome !== 'escalated') return;
    const at = new Date().toISOString();
    await deps.feedback.append({
        kind: 'case',
        caseId: caseFile.caseId,
        at,
        channel: caseFile.channel,
        language: deps.language,
        symptom: caseFile.symptom ?? null,
        answers: caseFile.answers,
        steps: caseFile.steps,
        outcome,
        messages: caseFile.classifications.length,
        notUnderstood: caseFile.notUnderstood
    });
    const profile = userProfileSchema.parse((await deps.userProfile.get(context)) ?? {});
    profile.history = [
        ...profile.history,
        { caseId: caseFile.caseId, symptom: caseFile.symptom ?? null, outcome, at, steps: caseFile.steps }
    ].slice(-keptHistory);
    await deps.userProfile.set(context, profile);
}
