// The open menu-style question: buttons and typed synonyms are recognised, and any other text
// ends it with no result so the router can understand it afresh. Questions with answers to read
// in the person's own words are ReplyPrompts. Numbers are not accepted as answers because
// people type codes, not menu numbers.
import {
    ChoiceFactory,
    ChoicePrompt,
    ListStyle,
    type Choice,
    type FoundChoice,
    type PromptOptions,
    type PromptRecognizerResult
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
        const value = recognizeAnswer(context.activity.text ?? '', ChoiceFactory.toChoices(options.choices ?? []));
        return value ? { succeeded: true, value } : { succeeded: false };
    }
}

/** Ends with the choice, or with no result when the person typed something else. */
export function openChoicePrompt(): ChoicePrompt {
    const prompt = new AnswerPrompt(dialogIds.openChoice, async () => true);
    prompt.style = ListStyle.auto;
    return prompt;
}

export function choiceOptions(prompt: string | Partial<Activity>, choices: Choice[]): PromptOptions {
    return { prompt: typeof prompt === 'string' ? { type: 'message', text: prompt } : prompt, choices };
}
