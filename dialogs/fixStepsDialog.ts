// Gives the planned fixes one at a time, each followed by "Did that work?". Ends with
// 'resolved' on the first fix that clearly worked, 'exhausted' when none is left to try, or a
// change of problem the person asked for. Steps that failed last time come last.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { currentCase, stepOutcomes, type StepOutcome } from './caseFile';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { stepQuestion } from './questions';
import { ReplyPrompt, type ReplyResult } from './replyPrompt';
import { stepsToGive } from './stepsToGive';

export type FixStepsResult = 'resolved' | 'exhausted' | Extract<ReplyResult, { switchTo: string }>;

interface Giving {
    stepId?: string;
}

const giving = (step: WaterfallStepContext<object>): Giving => step.values;

const isStepOutcome = (value: string): value is StepOutcome => (stepOutcomes as readonly string[]).includes(value);

export class FixStepsDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.fixSteps);
        this.addDialog(new ReplyPrompt(dialogIds.reply, deps));
        this.addDialog(new WaterfallDialog<object>('giveNextStep', [this.give.bind(this), this.record.bind(this)]));
        this.initialDialogId = 'giveNextStep';
    }

    private async give(step: WaterfallStepContext<object>) {
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        const plan = stepsToGive(this.deps, caseFile);
        const tried = new Set(caseFile.steps.map((s) => s.id));
        const next = plan.findIndex((id) => !tried.has(id));
        if (next < 0) return step.endDialog('exhausted' satisfies FixStepsResult);

        const stepId = plan[next]!;
        giving(step).stepId = stepId;
        return step.prompt(dialogIds.reply, stepQuestion(this.deps, step.context.activity.channelId, caseFile, stepId));
    }

    private async record(step: WaterfallStepContext<object>) {
        const result: ReplyResult = step.result;
        if ('switchTo' in result) return step.endDialog(result satisfies FixStepsResult);
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        const outcome = isStepOutcome(result.answer) ? result.answer : 'notWorked';
        caseFile.steps = [...caseFile.steps, { id: giving(step).stepId!, outcome }];
        if (outcome === 'worked') return step.endDialog('resolved' satisfies FixStepsResult);
        return step.replaceDialog('giveNextStep');
    }
}
