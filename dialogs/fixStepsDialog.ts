// Gives the planned fixes one at a time, each followed by "Did that work?". Ends with
// 'resolved' on the first fix that clearly worked, 'exhausted' when none is left to try, or a
// change of problem the person asked for. Steps that failed last time come last.
import { ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findStep, findSymptom } from '../knowledge/lookup';
import { planSteps } from '../knowledge/planSteps';
import { choicesOf } from './answerChoices';
import { currentCase, stepOutcomes, type CaseFile, type StepOutcome } from './caseFile';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { fillTemplate } from './fillTemplate';
import { actsOfSet, ReplyPrompt, replyOptions, type ReplyResult } from './replyPrompt';
import { stepActivity } from './stepCard';

export type FixStepsResult = 'resolved' | 'exhausted' | Extract<ReplyResult, { switchTo: string }>;

interface Giving {
    stepId?: string;
}

const giving = (step: WaterfallStepContext<object>): Giving => step.values;

/** The fixes in the order to give them: the plan, with what failed last time moved to the end. */
export function stepsToGive(deps: DialogDeps, caseFile: CaseFile): string[] {
    const { article, symptom } = findSymptom(deps.knowledge, caseFile.symptom!);
    const plan = planSteps(article, symptom, caseFile.answers);
    return [...plan.filter((s) => !caseFile.failedBefore.includes(s)), ...plan.filter((s) => caseFile.failedBefore.includes(s))];
}

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
        const { article } = findSymptom(this.deps.knowledge, caseFile.symptom!);
        const plan = stepsToGive(this.deps, caseFile);
        const tried = new Set(caseFile.steps.map((s) => s.id));
        const next = plan.findIndex((id) => !tried.has(id));
        if (next < 0) return step.endDialog('exhausted' satisfies FixStepsResult);

        const stepId = plan[next]!;
        giving(step).stepId = stepId;
        const { replies } = this.deps.knowledge;
        const choices = choicesOf(replies.answers.step, replies);
        const view = { step: findStep(article, stepId), number: next + 1, total: plan.length, choices };
        const prompt = stepActivity(step.context.activity.channelId, replies, view);
        // After a digression the question comes back short: the step's name and "Did that work?".
        const heading = fillTemplate(replies.stepCard.heading, { number: view.number, total: view.total, title: view.step.title });
        const reask = { type: 'message', text: `${heading}. ${replies.stepCard.question}` };
        return step.prompt(
            dialogIds.reply,
            replyOptions(prompt, choices, { kind: 'stepOutcome', question: stepId, symptom: caseFile.symptom, acts: actsOfSet(replies.answers.step, replies), reask }, ListStyle.none)
        );
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
