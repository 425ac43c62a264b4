// The two kinds of question the bot asks. Both recognise buttons and typed synonyms; numbers
// are not accepted as answers because people type codes, not menu numbers.
import { ChoicePrompt, ListStyle, type PromptValidatorContext, type FoundChoice, type Choice, type PromptOptions } from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { dialogIds } from './dialogIds';

const recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: true };

function choicePrompt(id: string, acceptAnyText: boolean): ChoicePrompt {
    const validator = async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || acceptAnyText;
    const prompt = new ChoicePrompt(id, validator);
    prompt.recognizerOptions = recognizerOptions;
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
