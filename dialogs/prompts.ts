// The two kinds of question the bot asks. Both recognise buttons and typed synonyms; numbers
// are not accepted as answers because people type codes, not menu numbers.
import {
    ChoicePrompt,
    ListStyle,
    type Choice,
    type FoundChoice,
    type PromptOptions,
    type PromptRecognizerResult,
    type PromptValidatorContext
} from 'botbuilder-dialogs';
import type { Activity, TurnContext } from 'botbuilder';
import { dialogIds } from './dialogIds';
import { choiceStyleFor } from './choiceStyle';
import { recognizeAnswer } from './recognizeAnswer';

/** A ChoicePrompt that understands negations ("not sure" is not "sure"); see recognizeAnswer. */
class AnswerPrompt extends ChoicePrompt {
    protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
        return super.onPrompt(context, state, { ...options, style: options.style ?? choiceStyleFor(context.activity.channelId) }, isRetry);
    }

    protected override async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
        const value = recognizeAnswer(context.activity.text ?? '', (options.choices ?? []) as Choice[]);
        return value ? { succeeded: true, value } : { succeeded: false };
    }
}

function choicePrompt(id: string, acceptAnyText: boolean): ChoicePrompt {
    const validator = async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || acceptAnyText;
    const prompt = new AnswerPrompt(id, validator);
    prompt.style = ListStyle.auto;
    return prompt;
}

/** Ends with the choice, or with no result when the person typed something else. */
export const openChoicePrompt = () => choicePrompt(dialogIds.openChoice, true);
/** Re-asks with the retry text until one of the choices is given. */
export const strictChoicePrompt = () => choicePrompt(dialogIds.strictChoice, false);

export function choiceOptions(prompt: string | Partial<Activity>, choices: Choice[], retryPrompt?: string, style?: ListStyle): PromptOptions {
    return {
        prompt: typeof prompt === 'string' ? { type: 'message', text: prompt } : prompt,
        retryPrompt: retryPrompt ? { type: 'message', text: retryPrompt } : undefined,
        choices,
        style
    };
}
