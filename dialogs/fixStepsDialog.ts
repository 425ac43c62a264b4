// Gives the planned fixes one at a time, each followed by "Did that work?". Ends with
// 'resolved' on the first fix that works, or 'exhausted' when none is left to try.
import { ComponentDialog, ListStyle, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findStep, findSymptom } from '../knowledge/lookup';
import { planSteps } from '../knowledge/planSteps';
import { choicesOf } from './answerChoices';
import type { StepOutcome } from './caseFile';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { strictChoicePrompt } from './prompts';
import { stepActivity } from './stepCard';
import { currentCase } from './understandTurn';

export type FixStepsResult = 'resolved' | 'exhausted';

const giving = (step: WaterfallStepContext) => step.values as { stepId?: string };

export class FixStepsDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.fixSteps);
        this.addDialog(strictChoicePrompt());
        this.addDialog(new WaterfallDialog('giveNextStep', [this.give.bind(this), this.record.bind(this)]));
        this.initialDialogId = 'giveNextStep';
    }

    private async give(step: WaterfallStepContext) {
        const caseFile = await currentCase(this.deps, step.context);
        const { article, symptom } = findSymptom(this.deps.knowledge, caseFile.symptom!);
        const plan = planSteps(article, symptom, caseFile.answers);
        const tried = new Set(caseFile.steps.map((s) => s.id));
        const next = plan.findIndex((id) => !tried.has(id));
        if (next < 0) return step.endDialog('exhausted' satisfies FixStepsResult);

        giving(step).stepId = plan[next]!;
        const { replies } = this.deps.knowledge;
        const choices = choicesOf(replies.answers.step, replies);
        const view = { step: findStep(article, plan[next]!), number: next + 1, total: plan.length, choices };
        const prompt = stepActivity(step.context.activity.channelId, replies, view);
        return step.prompt(dialogIds.strictChoice, {
            prompt,
            // The retry shows the step again: the card, or the text version after the apology.
            retryPrompt: { ...prompt, text: [replies.notUnderstoodAnswer, prompt.text].filter(Boolean).join('\n\n') },
            choices,
            style: ListStyle.none
        });
    }

    private async record(step: WaterfallStepContext) {
        const caseFile = await currentCase(this.deps, step.context);
        const outcome = (step.result as FoundChoice).value as StepOutcome;
        caseFile.steps = [...caseFile.steps, { id: giving(step).stepId!, outcome }];
        if (outcome === 'worked') return step.endDialog('resolved' satisfies FixStepsResult);
        return step.replaceDialog('giveNextStep');
    }
}
