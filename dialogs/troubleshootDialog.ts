// One symptom from confirmation to an outcome: confirm it, offer a human early when the article
// rates it hard, ask the diagnostic questions, give the fixes, then close with feedback or an
// offer of a human agent. Every path ends in a fix that worked or that offer.
import { ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findSymptom } from '../knowledge/lookup';
import type { Symptom } from '../knowledge/schema';
import { choicesOf } from './answerChoices';
import { closeCase } from './closeCase';
import type { DialogDeps } from './dialogDeps';
import { answersAlreadyGiven, DiagnoseDialog } from './diagnoseDialog';
import { dialogIds } from './dialogIds';
import { FeedbackDialog, type FeedbackOptions, type FeedbackResult } from './feedbackDialog';
import type { CaseOutcome } from './caseFile';
import { fillTemplate } from './fillTemplate';
import { FixStepsDialog, type FixStepsResult } from './fixStepsDialog';
import { HandoffDialog } from './handoffDialog';
import { choiceOptions, strictChoicePrompt } from './prompts';
import { currentCase } from './understandTurn';

export interface TroubleshootOptions {
    symptom: string;
    /** True when the person picked the symptom from a menu, so there is nothing to confirm. */
    confirmed: boolean;
}

/** 'wrongSymptom' sends the person back to the menu; otherwise what the feedback dialog returned. */
export type TroubleshootResult = { wrongSymptom: true } | FeedbackResult | undefined;

/** The article's difficulty from which the bot offers professional help before the fixes. */
export const earlyHelpDifficulty = 4;

export class TroubleshootDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.troubleshoot);
        this.addDialog(strictChoicePrompt());
        this.addDialog(new DiagnoseDialog(deps));
        this.addDialog(new FixStepsDialog(deps));
        this.addDialog(new HandoffDialog(deps));
        this.addDialog(new FeedbackDialog(deps));
        this.addDialog(
            new WaterfallDialog('troubleshootSteps', [
                this.confirmSymptom.bind(this),
                this.offerHelpEarly.bind(this),
                this.diagnose.bind(this),
                this.giveFixes.bind(this),
                this.afterFixes.bind(this),
                this.afterEscalationOffer.bind(this)
            ])
        );
        this.initialDialogId = 'troubleshootSteps';
    }

    private symptom(step: WaterfallStepContext): Symptom {
        return findSymptom(this.deps.knowledge, (step.options as TroubleshootOptions).symptom).symptom;
    }

    private async confirmSymptom(step: WaterfallStepContext) {
        if ((step.options as TroubleshootOptions).confirmed) return step.next({ value: 'yes' });
        const { replies } = this.deps.knowledge;
        const symptom = this.symptom(step);
        const level = symptom.difficulty <= 2 ? 'easy' : symptom.difficulty < earlyHelpDifficulty ? 'medium' : 'hard';
        const text = fillTemplate(replies.confirmSymptom, {
            confirm: symptom.confirm,
            suspect: symptom.primarySuspect,
            difficulty: symptom.difficulty,
            difficultyNote: replies.difficulty[level]
        });
        return step.prompt(dialogIds.strictChoice, choiceOptions(text, choicesOf(replies.answers.confirm, replies), replies.notUnderstoodAnswer));
    }

    private async offerHelpEarly(step: WaterfallStepContext) {
        if ((step.result as FoundChoice).value !== 'yes') return step.endDialog({ wrongSymptom: true } satisfies TroubleshootResult);
        const symptom = this.symptom(step);
        const caseFile = await currentCase(this.deps, step.context);
        if (caseFile.symptom !== symptom.id) {
            caseFile.symptom = symptom.id;
            caseFile.answers = answersAlreadyGiven(this.deps, symptom.id, caseFile.messages);
            caseFile.steps = [];
        }
        if (symptom.difficulty < earlyHelpDifficulty) return step.next();
        const { replies } = this.deps.knowledge;
        return step.prompt(dialogIds.strictChoice, choiceOptions(replies.earlyHelpOffer, choicesOf(replies.answers.earlyHelp, replies), replies.notUnderstoodAnswer));
    }

    private async diagnose(step: WaterfallStepContext) {
        if ((step.result as FoundChoice | undefined)?.value === 'agent') {
            return step.replaceDialog(dialogIds.handoff, { reason: 'difficulty' });
        }
        return step.beginDialog(dialogIds.diagnose);
    }

    private async giveFixes(step: WaterfallStepContext) {
        return step.beginDialog(dialogIds.fixSteps);
    }

    private async afterFixes(step: WaterfallStepContext) {
        const { replies } = this.deps.knowledge;
        if ((step.result as FixStepsResult) === 'resolved') {
            await step.context.sendActivity(replies.resolved);
            return this.closeAndAskFeedback(step, 'resolved');
        }
        const { article } = findSymptom(this.deps.knowledge, this.symptom(step).id);
        const text = fillTemplate(replies.stepsExhausted, { escalation: article.escalation.advice });
        return step.prompt(dialogIds.strictChoice, choiceOptions(text, choicesOf(replies.answers.escalate, replies), replies.notUnderstoodAnswer));
    }

    private async afterEscalationOffer(step: WaterfallStepContext) {
        if ((step.result as FoundChoice).value === 'yes') return step.replaceDialog(dialogIds.handoff, { reason: 'stepsExhausted' });
        await step.context.sendActivity(this.deps.knowledge.replies.escalationDeclined);
        return this.closeAndAskFeedback(step, 'declined');
    }

    private async closeAndAskFeedback(step: WaterfallStepContext, outcome: CaseOutcome) {
        const { caseId } = await currentCase(this.deps, step.context);
        await closeCase(this.deps, step.context, outcome);
        return step.replaceDialog(dialogIds.feedback, { caseId } satisfies FeedbackOptions);
    }
}
