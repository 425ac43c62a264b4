// "How did I do?" after a case closes. Anything that is not a rating is handed back to the
// router, so a person who moves straight on to another problem is not ignored.
import { ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicesOf } from './answerChoices';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import type { FeedbackRating } from './feedbackRecord';
import { choiceOptions, openChoicePrompt } from './prompts';

/** The case being rated: by the time the rating arrives, a new case may have opened. */
export interface FeedbackOptions {
    caseId: string;
}

/** `reroute`: the message was not a rating and should be understood afresh. */
export type FeedbackResult = { reroute: true } | undefined;

export class FeedbackDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.feedback);
        this.addDialog(openChoicePrompt());
        this.addDialog(new WaterfallDialog('askFeedback', [this.ask.bind(this), this.record.bind(this)]));
        this.initialDialogId = 'askFeedback';
    }

    private async ask(step: WaterfallStepContext) {
        const { replies } = this.deps.knowledge;
        return step.prompt(dialogIds.openChoice, choiceOptions(replies.feedbackPrompt, choicesOf(replies.answers.feedback, replies)));
    }

    private async record(step: WaterfallStepContext) {
        const rating = (step.result as FoundChoice | undefined)?.value as FeedbackRating | undefined;
        if (!rating) return step.endDialog({ reroute: true } satisfies FeedbackResult);
        const { caseId } = step.options as FeedbackOptions;
        await this.deps.feedback.append({ kind: 'rating', caseId, at: new Date().toISOString(), rating });
        await step.context.sendActivity(this.deps.knowledge.replies.feedbackThanks);
        return step.endDialog();
    }
}
