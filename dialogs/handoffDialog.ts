// Passes the person to a human with the case summary, their earlier cases included, so they
// never repeat themselves. What the person is told (a place in the queue, or that nobody is
// available now) is up to the desk, which alone knows whether anyone is on duty.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { summarizeCase } from './caseSummary';
import { closeCase } from './closeCase';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { currentCase } from './caseFile';
import { userProfileSchema } from './userProfile';

/** Why the person is being handed over; counted by analytics and shown to the agent. */
export const handoffReasons = ['asked', 'stepsExhausted', 'fallback', 'difficulty'] as const;
export type HandoffReason = (typeof handoffReasons)[number];

export interface HandoffOptions {
    reason?: HandoffReason;
}

export class HandoffDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.handoff);
        this.addDialog(new WaterfallDialog<HandoffOptions>('handOver', [this.handOver.bind(this)]));
        this.initialDialogId = 'handOver';
    }

    private async handOver(step: WaterfallStepContext<HandoffOptions>) {
        const reason = step.options?.reason ?? 'asked';
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        const { history } = userProfileSchema.parse((await this.deps.userProfile.get(step.context)) ?? {});
        const summary = { ...summarizeCase(this.deps.agentKnowledge, caseFile, reason, history), language: this.deps.language };
        await this.deps.requestHuman(step.context, summary);
        await closeCase(this.deps, step.context, 'escalated');
        return step.endDialog();
    }
}
