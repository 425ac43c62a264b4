// The bot's questions, built from the content of the dialogs' language. The dialogs ask them
// here, and a person who changes language with a question open is asked the same question again
// in the new language (askAgainInLanguage below), so every question is written once.
import type { TurnContext } from 'botbuilder';
import { ListStyle } from 'botbuilder-dialogs';
import { findStep, findSymptom } from '../knowledge/lookup';
import { choicesOf, questionChoices } from './answerChoices';
import { currentCase, type CaseFile } from './caseFile';
import type { DialogDeps } from './dialogDeps';
import { fillTemplate } from './fillTemplate';
import { stepsToGive } from './stepsToGive';
import { choiceOptions } from './prompts';
import { actsOf, actsOfSet, replyOptions, setQuestion, type ReplyPromptOptions } from './replyPrompt';
import { stepActivity } from './stepCard';
import type { NamedQuestionOptions } from './understandTurn';
import { lastCase, type PastCase } from './userProfile';

/** "Sounds like ... Is that right?": the symptom alone. */
export function confirmSymptomQuestion(deps: DialogDeps, symptomId: string): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    const { symptom } = findSymptom(deps.knowledge, symptomId);
    const text = fillTemplate(replies.confirmSymptom, { confirm: symptom.confirm });
    return setQuestion(text, replies.answers.confirm, replies, { kind: 'confirmSymptom', question: 'confirmSymptom', symptom: symptom.id });
}

/** For a hard problem: a person now, or the fixes first? */
export function earlyHelpQuestion(deps: DialogDeps, symptomId: string): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    return setQuestion(replies.earlyHelpOffer, replies.answers.earlyHelp, replies, { kind: 'yesNo', question: 'earlyHelp', symptom: symptomId });
}

/** One of the article's diagnostic questions. */
export function diagnosticQuestion(deps: DialogDeps, symptomId: string, questionId: string): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    const { article } = findSymptom(deps.knowledge, symptomId);
    const question = article.questions.find((q) => q.id === questionId)!;
    const acts = actsOf(question.answers.map((a) => ({ id: a.id, choice: a })), replies);
    return replyOptions(question.prompt, questionChoices(question.answers, replies), { kind: 'yesNo', question: question.id, symptom: symptomId, acts });
}

/** A fix step's card and "Did that work?", numbered within the plan for this case. */
export function stepQuestion(deps: DialogDeps, channelId: string, caseFile: CaseFile, stepId: string): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    const { article } = findSymptom(deps.knowledge, caseFile.symptom!);
    const plan = stepsToGive(deps, caseFile);
    const choices = choicesOf(replies.answers.step, replies);
    const view = { step: findStep(article, stepId), number: plan.indexOf(stepId) + 1, total: plan.length, choices };
    const prompt = stepActivity(channelId, replies, view);
    // After a digression the question comes back short: the step's name and "Did that work?".
    const heading = fillTemplate(replies.stepCard.heading, { number: view.number, total: view.total, title: view.step.title });
    const reask = { type: 'message', text: `${heading}. ${replies.stepCard.question}` };
    const ask = { kind: 'stepOutcome' as const, question: stepId, symptom: caseFile.symptom, acts: actsOfSet(replies.answers.step, replies), reask };
    return replyOptions(prompt, choices, ask, ListStyle.none);
}

/** After every fix: pass the case to a person? */
export function escalateQuestion(deps: DialogDeps, symptomId: string): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    const { article } = findSymptom(deps.knowledge, symptomId);
    const text = fillTemplate(replies.stepsExhausted, { escalation: article.escalation.advice });
    return setQuestion(text, replies.answers.escalate, replies, { kind: 'yesNo', question: 'escalate', symptom: symptomId });
}

/** After messages the bot could not place: a person? */
export function offerHumanQuestion(deps: DialogDeps): ReplyPromptOptions {
    const { replies } = deps.knowledge;
    return setQuestion(replies.fallbackOfferHuman, replies.answers.escalate, replies, { kind: 'yesNo', question: 'escalate' });
}

/** A returning person: the same problem as last time? */
export function welcomeBackQuestion(deps: DialogDeps, past: PastCase, lastSymptom: string): ReplyPromptOptions {
    const { knowledge } = deps;
    const { welcomeBack } = knowledge.replies.understanding;
    const { article, symptom } = findSymptom(knowledge, lastSymptom);
    const fixedBy = past.steps.find((s) => s.outcome === 'worked');
    const text =
        past.outcome === 'resolved' && fixedBy
            ? fillTemplate(welcomeBack.resolved, { symptom: symptom.title, step: article.steps.find((s) => s.id === fixedBy.id)?.title ?? fixedBy.id })
            : fillTemplate(past.outcome === 'escalated' ? welcomeBack.escalated : welcomeBack.other, { symptom: symptom.title });
    const { replies } = knowledge;
    return setQuestion(text, replies.answers.welcomeBack, replies, { kind: 'yesNo', question: 'welcomeBack' });
}

/** "How did I do?" with the rating buttons. */
export function ratingQuestion(deps: DialogDeps): NamedQuestionOptions {
    const { replies } = deps.knowledge;
    // kind and question name the question for the Emulator trace, as ReplyPrompt options do.
    return { ...choiceOptions(replies.feedbackPrompt, choicesOf(replies.answers.feedback, replies)), kind: 'feedback', question: 'feedback' };
}

/** The optional comment after a rating; `thanked` puts the thanks for the rating first. */
export function commentQuestion(deps: DialogDeps, thanked: boolean): NamedQuestionOptions {
    const { replies } = deps.knowledge;
    const prompt = thanked ? `${replies.feedbackThanks} ${replies.understanding.commentPrompt}` : replies.understanding.commentPrompt;
    return { prompt, kind: 'feedback', question: 'feedbackComment' };
}

/**
 * The open question, asked in the dialogs' language: what a prompt's options become after the
 * person changed language. Undefined for a question it cannot name (it is then asked as it was).
 */
export async function askAgainInLanguage(
    deps: DialogDeps,
    context: TurnContext,
    asked: Partial<ReplyPromptOptions>
): Promise<NamedQuestionOptions | undefined> {
    const { question, symptom } = asked;
    switch (question) {
        case undefined:
            return undefined;
        case 'confirmSymptom':
            return symptom ? confirmSymptomQuestion(deps, symptom) : undefined;
        case 'earlyHelp':
            return symptom ? earlyHelpQuestion(deps, symptom) : undefined;
        case 'escalate':
            return symptom ? escalateQuestion(deps, symptom) : offerHumanQuestion(deps);
        case 'feedback':
            return ratingQuestion(deps);
        case 'feedbackComment':
            return commentQuestion(deps, false);
        case 'welcomeBack': {
            const past = lastCase(await deps.userProfile.get(context));
            return past?.symptom ? welcomeBackQuestion(deps, past, past.symptom) : undefined;
        }
        default: {
            if (!symptom) return undefined;
            const { article } = findSymptom(deps.knowledge, symptom);
            if (article.questions.some((q) => q.id === question)) return diagnosticQuestion(deps, symptom, question);
            const caseFile = await currentCase(deps.caseFile, context);
            if (article.steps.some((s) => s.id === question) && caseFile.symptom) return stepQuestion(deps, context.activity.channelId, caseFile, question);
            return undefined;
        }
    }
}
