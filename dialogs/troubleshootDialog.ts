// One symptom from confirmation to an outcome: confirm it, say how hard it is and what usually
// causes it, offer a human early when the article rates it hard, ask the diagnostic questions,
// give the fixes, then close with feedback or an offer of a human agent. A person may switch to
// another problem on the way; one they raise for later is taken up when this one ends.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findSymptom } from '../knowledge/lookup';
import type { Symptom } from '../knowledge/schema';
import { currentCase, type CaseFile, type CaseOutcome } from './caseFile';
import { closeCase } from './closeCase';
import type { DialogDeps } from './dialogDeps';
import { answersAlreadyGiven, DiagnoseDialog, type DiagnoseResult } from './diagnoseDialog';
import { dialogIds } from './dialogIds';
import { aboutSymptom, earlyHelpDifficulty } from './digressions';
import { FeedbackDialog, type FeedbackOptions, type FeedbackResult } from './feedbackDialog';
import { fillTemplate } from './fillTemplate';
import { FixStepsDialog, type FixStepsResult } from './fixStepsDialog';
import { HandoffDialog } from './handoffDialog';
import { confirmSymptomQuestion, earlyHelpQuestion, escalateQuestion } from './questions';
import { ReplyPrompt, type ReplyResult } from './replyPrompt';
import { lastCase } from './userProfile';

export interface TroubleshootOptions {
    symptom: string;
    /** True when the person picked the symptom from a menu, so there is nothing to confirm. */
    confirmed: boolean;
    /** Taking up a problem put aside earlier: what was already answered and tried. */
    resume?: Pick<CaseFile, 'answers' | 'steps'>;
}

/** 'wrongSymptom' sends the person back to the menu; otherwise what the feedback dialog returned. */
export type TroubleshootResult = { wrongSymptom: true } | FeedbackResult | undefined;

type Switch = Extract<ReplyResult, { switchTo: string }>;
const isSwitch = (result: unknown): result is Switch => typeof result === 'object' && result !== null && 'switchTo' in result;

export class TroubleshootDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.troubleshoot);
        this.addDialog(new ReplyPrompt(dialogIds.reply, deps));
        this.addDialog(new DiagnoseDialog(deps));
        this.addDialog(new FixStepsDialog(deps));
        this.addDialog(new HandoffDialog(deps));
        this.addDialog(new FeedbackDialog(deps));
        this.addDialog(
            new WaterfallDialog<TroubleshootOptions>('troubleshootSteps', [
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

    private symptom(step: WaterfallStepContext<TroubleshootOptions>): Symptom {
        return findSymptom(this.deps.knowledge, step.options.symptom).symptom;
    }

    private async confirmSymptom(step: WaterfallStepContext<TroubleshootOptions>) {
        if (step.options.confirmed) return step.next({ answer: 'yes' } satisfies ReplyResult);
        return step.prompt(dialogIds.reply, confirmSymptomQuestion(this.deps, this.symptom(step).id));
    }

    private async offerHelpEarly(step: WaterfallStepContext<TroubleshootOptions>) {
        const result: ReplyResult = step.result;
        if (isSwitch(result)) return this.switchProblem(step, result);
        if (result.answer !== 'yes') return step.endDialog({ wrongSymptom: true } satisfies TroubleshootResult);
        const symptom = this.symptom(step);
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        if (caseFile.symptom !== symptom.id) {
            caseFile.symptom = symptom.id;
            caseFile.answers = { ...answersAlreadyGiven(this.deps, symptom.id, caseFile.messages.map((m) => m.text)), ...step.options.resume?.answers };
            caseFile.steps = step.options.resume?.steps ?? [];
            const before = lastCase(await this.deps.userProfile.get(step.context));
            caseFile.failedBefore = before?.symptom === symptom.id ? before.steps.filter((s) => s.outcome !== 'worked').map((s) => s.id) : [];
        }
        await step.context.sendActivity(aboutSymptom(this.deps.knowledge, symptom.id));
        if (symptom.difficulty < earlyHelpDifficulty) return step.next();
        return step.prompt(dialogIds.reply, earlyHelpQuestion(this.deps, symptom.id));
    }

    private async diagnose(step: WaterfallStepContext<TroubleshootOptions>) {
        const result: ReplyResult | undefined = step.result;
        if (isSwitch(result)) return this.switchProblem(step, result);
        if (result?.answer === 'agent') return step.replaceDialog(dialogIds.handoff, { reason: 'difficulty' });
        return step.beginDialog(dialogIds.diagnose);
    }

    private async giveFixes(step: WaterfallStepContext<TroubleshootOptions>) {
        const result: DiagnoseResult = step.result;
        if (isSwitch(result)) return this.switchProblem(step, result);
        return step.beginDialog(dialogIds.fixSteps);
    }

    private async afterFixes(step: WaterfallStepContext<TroubleshootOptions>) {
        const result: FixStepsResult = step.result;
        if (isSwitch(result)) return this.switchProblem(step, result);
        const { replies } = this.deps.knowledge;
        if (result === 'resolved') {
            await step.context.sendActivity(replies.resolved);
            return this.closeAndGoOn(step, 'resolved');
        }
        return step.prompt(dialogIds.reply, escalateQuestion(this.deps, this.symptom(step).id));
    }

    private async afterEscalationOffer(step: WaterfallStepContext<TroubleshootOptions>) {
        const result: ReplyResult = step.result;
        if (isSwitch(result)) return this.switchProblem(step, result);
        if (result.answer === 'yes') return step.replaceDialog(dialogIds.handoff, { reason: 'stepsExhausted' });
        await step.context.sendActivity(this.deps.knowledge.replies.escalationDeclined);
        return this.closeAndGoOn(step, 'declined');
    }

    /**
     * Another problem now. A correction replaces this one, which is then not recorded as tried;
     * otherwise this one is put aside, with what was done, to be taken up next.
     */
    private async switchProblem(step: WaterfallStepContext<TroubleshootOptions>, to: Switch) {
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        if (!to.correction && caseFile.symptom) {
            caseFile.pending = [{ symptom: caseFile.symptom, answers: caseFile.answers, steps: caseFile.steps }, ...caseFile.pending];
        }
        caseFile.pending = caseFile.pending.filter((p) => p.symptom !== to.switchTo);
        await step.context.sendActivity(
            fillTemplate(this.deps.knowledge.replies.understanding.switching, { title: findSymptom(this.deps.knowledge, to.switchTo).symptom.title })
        );
        return step.replaceDialog('troubleshootSteps', { symptom: to.switchTo, confirmed: true } satisfies TroubleshootOptions);
    }

    /** Closes this problem; then the next one the person raised, or the feedback question. */
    private async closeAndGoOn(step: WaterfallStepContext<TroubleshootOptions>, outcome: CaseOutcome) {
        const { caseId, pending } = await currentCase(this.deps.caseFile, step.context);
        await closeCase(this.deps, step.context, outcome);
        const [next, ...later] = pending;
        if (!next) return step.replaceDialog(dialogIds.feedback, { caseId } satisfies FeedbackOptions);
        const fresh = await currentCase(this.deps.caseFile, step.context);
        fresh.pending = later;
        fresh.welcomedBack = true;
        await step.context.sendActivity(
            fillTemplate(this.deps.knowledge.replies.understanding.nextProblem, { title: findSymptom(this.deps.knowledge, next.symptom).symptom.title })
        );
        const resume = { answers: next.answers, steps: next.steps };
        return step.replaceDialog('troubleshootSteps', { symptom: next.symptom, confirmed: true, resume } satisfies TroubleshootOptions);
    }
}
