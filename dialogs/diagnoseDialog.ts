// Asks the symptom's diagnostic questions one at a time, skipping any the person has already
// answered: in their first message, or in any reply ("bluetooth is fine but the internet is
// weak" answers two questions at once).
import { ComponentDialog, Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findSymptom } from '../knowledge/lookup';
import type { Question } from '../knowledge/schema';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { diagnosticQuestion } from './questions';
import { ReplyPrompt, type ReplyResult } from './replyPrompt';
import { currentCase } from './caseFile';
import { answersInClauses } from './answersInClauses';

/** What the diagnosis ends with: nothing (all answered), or a change of problem the person asked for. */
export type DiagnoseResult = Extract<ReplyResult, { switchTo: string }> | undefined;

interface Asking {
    questionId?: string;
}

const asking = (step: WaterfallStepContext<object>): Asking => step.values;

export class DiagnoseDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.diagnose);
        this.addDialog(new ReplyPrompt(dialogIds.reply, deps));
        this.addDialog(new WaterfallDialog<object>('askNextQuestion', [this.ask.bind(this), this.record.bind(this)]));
        this.initialDialogId = 'askNextQuestion';
    }

    private async nextQuestion(dc: DialogContext): Promise<{ question: Question | undefined; symptom: string }> {
        const caseFile = await currentCase(this.deps.caseFile, dc.context);
        const { article, symptom } = findSymptom(this.deps.knowledge, caseFile.symptom!);
        const question = symptom.questions.map((id) => article.questions.find((q) => q.id === id)!).find((q) => !(q.id in caseFile.answers));
        return { question, symptom: symptom.id };
    }

    private async ask(step: WaterfallStepContext<object>) {
        const { question, symptom } = await this.nextQuestion(step);
        if (!question) return step.endDialog();
        asking(step).questionId = question.id;
        return step.prompt(dialogIds.reply, diagnosticQuestion(this.deps, symptom, question.id));
    }

    private async record(step: WaterfallStepContext<object>) {
        const result: ReplyResult = step.result;
        if ('switchTo' in result) return step.endDialog(result satisfies DiagnoseResult);
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        caseFile.answers = { ...caseFile.answers, [asking(step).questionId!]: result.answer };
        return step.replaceDialog('askNextQuestion');
    }

    /** A reply that answers questions in so many words fills them all, the open one included, before the prompt reads it. */
    protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        const text = innerDc.context.activity.text ?? '';
        const { question, symptom } = await this.nextQuestion(innerDc);
        // The knowledge's own phrases are surer than a clause's reading, so they win where both answer.
        const given = text ? { ...answersInClauses(this.deps, symptom, question?.id, text), ...answersAlreadyGiven(this.deps, symptom, [text]) } : {};
        if (!question || Object.keys(given).length === 0) return super.onContinueDialog(innerDc);
        await this.fill(innerDc, given);
        const caseFile = await currentCase(this.deps.caseFile, innerDc.context);
        await this.deps.feedback.append({ kind: 'reply', caseId: caseFile.caseId, at: new Date().toISOString(), symptom, question: question.id, understood: 'text' });
        // "the internet is weak" at the Bluetooth question answers another question, not this one:
        // it is noted and this one asked again, rather than read as a "no" to Bluetooth.
        if (!(question.id in given)) {
            await innerDc.context.sendActivity(this.deps.knowledge.replies.understanding.notedOtherAnswer);
            await innerDc.repromptDialog();
            return Dialog.EndOfTurn;
        }
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog('askNextQuestion');
    }

    private async fill(dc: DialogContext, given: Record<string, string>) {
        const caseFile = await currentCase(this.deps.caseFile, dc.context);
        caseFile.answers = { ...given, ...caseFile.answers };
    }
}

/** Answers the person gave in so many words ("bluetooth is on and it still won't connect"). */
export function answersAlreadyGiven(deps: DialogDeps, symptomId: string, messages: string[]): Record<string, string> {
    const { article, symptom } = findSymptom(deps.knowledge, symptomId);
    const said = messages.join(' \n ').toLowerCase().replace(/[’']/g, "'");
    const given: Record<string, string> = {};
    for (const questionId of symptom.questions) {
        const question = article.questions.find((q) => q.id === questionId)!;
        // The longest matching phrase wins, so "bluetooth is not on" beats "bluetooth is on".
        let best: { answer: string; length: number } | undefined;
        for (const answer of question.answers) {
            for (const phrase of answer.alreadySaid) {
                const p = phrase.toLowerCase();
                if (said.includes(p) && (!best || p.length > best.length)) best = { answer: answer.id, length: p.length };
            }
        }
        if (best) given[questionId] = best.answer;
    }
    return given;
}
