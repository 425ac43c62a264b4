// What the dialogs made of this turn's message, kept on the turn so the host's logs and metrics
// can read it after the turn without classifying again.
import type { TurnContext } from 'botbuilder';
import type { Classification } from '../bot/nlu/classification';
import type { QuestionKind, ReplyClassification } from '../knowledge/replyActs';
import type { Band } from './confidenceBands';

export interface Understanding {
    text: string;
    classification: Classification;
    band: Band;
    /** Where in the dialogs the message arrived: "fixSteps > troubleshoot > main". */
    dialogStep: string;
    /** At a question: what kind it is and what the reply classifier made of the reply. */
    reply?: { kind: QuestionKind; question: string; reading: ReplyClassification };
}

const understandingKey = Symbol('understanding');

/** This turn's understanding, if the dialogs have classified it. */
export function turnUnderstanding(context: TurnContext): Understanding | undefined {
    const understanding: Understanding | undefined = context.turnState.get(understandingKey);
    return understanding;
}

export function keepTurnUnderstanding(context: TurnContext, understanding: Understanding): void {
    context.turnState.set(understandingKey, understanding);
}
