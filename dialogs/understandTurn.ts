// Classifies the person's message once per turn, notes it in the case file, and shows the
// result in the Emulator's inspector as a trace activity.
import { Channels, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Classification } from '../bot/nlu/classification';
import { wasRedacted } from '../bot/privacy/redactionMiddleware';
import { allSymptoms } from '../knowledge/lookup';
import { keptMessages, newCaseFile, rememberMessage, type CaseFile } from './caseFile';
import { bandOf, type Band } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';

export interface Understanding {
    text: string;
    classification: Classification;
    band: Band;
    /** Where in the dialogs the message arrived: "fixSteps > troubleshoot > main". */
    dialogStep: string;
}

const understandingKey = Symbol('understanding');
export const classificationTraceType = 'https://bmw-connected-help/classification';

/** The open case, or a fresh one when there is none or the last one has ended. */
export async function currentCase(deps: DialogDeps, context: TurnContext): Promise<CaseFile> {
    let caseFile = await deps.caseFile.get(context);
    if (!caseFile || caseFile.outcome) {
        caseFile = newCaseFile(context.activity.channelId);
        await deps.caseFile.set(context, caseFile);
    }
    return caseFile;
}

/** The dialog the person is in, innermost first, for the trace: "fixSteps > troubleshoot > main". */
function dialogPath(dc: DialogContext): string {
    const ids: string[] = [];
    for (let c: DialogContext | undefined = dc; c; c = c.child) if (c.activeDialog) ids.unshift(c.activeDialog.id);
    return ids.join(' > ') || '(none)';
}

/** This turn's understanding, if the dialogs have classified it (for logs and metrics after the turn). */
export function turnUnderstanding(context: TurnContext): Understanding | undefined {
    return context.turnState.get(understandingKey) as Understanding | undefined;
}

export async function understandTurn(deps: DialogDeps, dc: DialogContext): Promise<Understanding> {
    const cached = dc.context.turnState.get(understandingKey) as Understanding | undefined;
    if (cached) return cached;
    const text = (dc.context.activity.text ?? '').trim();
    const classification = deps.classify(text);
    const band = bandOf(classification, new Set(allSymptoms(deps.knowledge).map((s) => s.id)));
    const understanding: Understanding = { text, classification, band, dialogStep: dialogPath(dc) };
    dc.context.turnState.set(understandingKey, understanding);
    // The code is already gone from the text; say so once, then help with the problem as usual.
    if (wasRedacted(dc.context)) await dc.context.sendActivity(deps.knowledge.replies.securityCodeWarning);

    const caseFile = await currentCase(deps, dc.context);
    if (text) rememberMessage(caseFile, text);
    caseFile.classifications = [...caseFile.classifications, { intent: classification.intent, score: classification.score, band }].slice(-keptMessages);

    // Only the Emulator shows traces (the adapter drops them on every other channel), so only
    // there is one worth building and passing through every reply handler.
    if (dc.context.activity.channelId === Channels.Emulator) {
        await dc.context.sendTraceActivity(
            'Classification',
            { intent: classification.intent, score: classification.score, alternatives: classification.alternatives, band, dialogStep: understanding.dialogStep },
            classificationTraceType,
            'What the intent classifier made of this message'
        );
    }
    return understanding;
}
