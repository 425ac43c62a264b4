// The language of this turn, chosen once from the message (supportBot.ts) and read by whatever
// else speaks to the person in the turn: the error apology, the long-text notice, the logs.
import type { TurnContext } from 'botbuilder';
import { sourceLanguage, type Language } from '../../knowledge/languages';
import { languageOfLocale } from './chooseLanguage';

const languageKey = Symbol('language');

export function setTurnLanguage(context: TurnContext, language: Language): void {
    context.turnState.set(languageKey, language);
}

/** The turn's language; before it is chosen, the channel locale's (or the source language). */
export function turnLanguage(context: TurnContext): Language {
    const chosen: Language | undefined = context.turnState.get(languageKey);
    return chosen ?? languageOfLocale(context.activity.locale) ?? sourceLanguage;
}
