// Asks the symptom's diagnostic questions one at a time, skipping any the person has already
// answered (or answered in their own words before being asked).
import { ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findSymptom } from '../knowledge/lookup';
import { questionChoices } from './answerChoices';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { choiceOptions, strictChoicePrompt } from './prompts';
import { currentCase } from './understandTurn';

const asking = (step: WaterfallStepContext) => step.values as { questionId?: string };

export class DiagnoseDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.diagnose);
        this.addDialog(strictChoicePrompt());
        this.addDialog(new WaterfallDialog('askNextQuestion', [this.ask.bind(this), this.record.bind(this)]));
        this.initialDialogId = 'askNextQuestion';
    }

    private async ask(step: WaterfallStepContext) {
        const caseFile = await currentCase(this.deps, step.context);
        const { article, symptom } = findSymptom(this.deps.knowledge, caseFile.symptom!);
        const question = symptom.questions
            .map((id) => article.questions.find((q) => q.id === id)!)
            .find((q) => !(q.id in caseFile.answers));
        if (!question) return step.endDialog();
        asking(step).questionId = question.id;
        const { replies } = this.deps.knowledge;
        return step.prompt(dialogIds.strictChoice, choiceOptions(question.prompt, questionChoices(question.answers, replies), replies.notUnderstoodAnswer));
    }

    private async record(step: WaterfallStepContext) {
        const caseFile = await currentCase(this.deps, step.context);
        caseFile.answers = { ...caseFile.answers, [asking(step).questionId!]: (step.result as FoundChoice).value };
        return step.replaceDialog('askNextQuestion');
    }
}

/** Answers the person gave before being asked ("bluetooth is on and it still won't connect"). */
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
