// Passes the person to a human with the case summary, so they never repeat themselves.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { summarizeCase } from './caseSummary';
import { closeCase } from './closeCase';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { currentCase } from './understandTurn';

/** Why the person is being handed over; counted by analytics and shown to the agent. */
export const handoffReasons = ['asked', 'stepsExhausted', 'fallback', 'difficulty'] as const;
export type HandoffReason = (typeof handoffReasons)[number];

export class HandoffDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.handoff);
        this.addDialog(new WaterfallDialog('handOver', [this.handOver.bind(this)]));
        this.initialDialogId = 'handOver';
    }

    private async handOver(step: WaterfallStepContext) {
        const reason = (step.options as { reason?: HandoffReason } | undefined)?.reason ?? 'asked';
        const caseFile = await currentCase(this.deps, step.context);
        const summary = summarizeCase(this.deps.knowledge, caseFile, reason);
        await step.context.sendActivity(this.deps.knowledge.replies.handoffStarted);
        await this.deps.requestHuman(step.context, summary);
        await closeCase(this.deps, step.context, 'escalated');
        return step.endDialog();
    }
}
