// Cancel, start over, help and "talk to a person" work at any prompt. Only a confident
// classification interrupts, and never when the message is an answer the prompt accepts:
// "no" to "Did that work?" is an answer, not a change of subject.
import { ActivityTypes } from 'botbuilder';
import { DialogTurnStatus, type Choice, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ReplyAct } from '../knowledge/replyActs';
import { closeCase } from './closeCase';
import { highConfidence } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { recognizeAnswer } from './recognizeAnswer';
import { understandTurn } from './understandTurn';

const interruptingIntents = new Set(['cancel', 'start_over', 'help', 'human_agent']);
const questionsAboutTheStep = new Set<ReplyAct>(['asksHow', 'asksWhy', 'asksDifficulty']);
/** Replies that plainly answer the question: "can't change it, IT manages it" is "I can't do this", not "cancel". */
const plainAnswers = new Set<ReplyAct>(['worked', 'stillFailing', 'alreadyTried', 'cannotDo', 'affirm', 'deny']);

function innermost(dc: DialogContext): DialogContext {
    let current = dc;
    while (current.child) current = current.child;
    return current;
}

/**
 * Whether the text answers the open question. A request for a person counts only as the exact
 * button: "can I talk to a real person" must reach a person at every prompt, even where an
 * answer's words ("person") would otherwise take it as a reply.
 */
function answersActivePrompt(dc: DialogContext, text: string, intent: string): boolean {
    const options: { choices?: Choice[] } | undefined = innermost(dc).activeDialog?.state?.options;
    const choices = options?.choices;
    if (!choices) return false;
    if (intent === 'human_agent') return choices.some((c) => (c.action?.title ?? c.value).toLowerCase() === text.toLowerCase());
    return recognizeAnswer(text, choices) !== undefined;
}

/** Handles an interruption and returns the turn's result, or undefined to let the dialog continue. */
export async function interrupt(deps: DialogDeps, innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    if (innerDc.context.activity.type !== ActivityTypes.Message) return undefined;
    const { text, classification, band, reply } = await understandTurn(deps, innerDc);
    if (band !== 'high' || !interruptingIntents.has(classification.intent) || answersActivePrompt(innerDc, text, classification.intent)) return undefined;
    // "How do I do that?" at a question is about that question, not a request for the general help.
    if (classification.intent === 'help' && reply && questionsAboutTheStep.has(reply.reading.act) && reply.reading.score >= highConfidence) return undefined;
    const leaving = classification.intent === 'cancel' || classification.intent === 'start_over';
    if (leaving && reply && plainAnswers.has(reply.reading.act) && reply.reading.score >= highConfidence) return undefined;

    const { replies } = deps.knowledge;
    switch (classification.intent) {
        case 'help':
            await innerDc.context.sendActivity(replies.help);
            await innerDc.repromptDialog();
            return { status: DialogTurnStatus.waiting };
        case 'cancel':
            await closeCase(deps, innerDc.context, 'abandoned');
            await innerDc.context.sendActivity(replies.cancelled);
            return innerDc.cancelAllDialogs();
        case 'start_over':
            await closeCase(deps, innerDc.context, 'abandoned');
            await innerDc.cancelAllDialogs();
            await innerDc.context.sendActivity(replies.startOver);
            return innerDc.beginDialog(dialogIds.route, { showMenu: true });
        default:
            await innerDc.cancelAllDialogs();
            return innerDc.beginDialog(dialogIds.handoff, { reason: 'asked' });
    }
}
