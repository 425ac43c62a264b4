// How answer buttons are shown on each channel. botbuilder's automatic choice turns every set
// into a numbered text list once one label is longer than 20 characters ("Security features
// disabled"), and typed numbers are not accepted as answers here, so the style is chosen by
// channel instead: a card in Teams (it shows only three suggested actions), suggested actions
// where cards render, a list elsewhere.
import { ChoiceFactory, ListStyle, type Choice } from 'botbuilder-dialogs';
import { supportsCards } from './stepCard';

export function choiceStyleFor(channelId: string): ListStyle {
    if (channelId === 'msteams') return ListStyle.heroCard;
    return supportsCards(channelId) ? ListStyle.suggestedAction : ListStyle.list;
}

/** A message with the choices as buttons (or a list), for replies that are not prompts. */
export function withChoices(channelId: string, choices: (string | Choice)[], text: string) {
    switch (choiceStyleFor(channelId)) {
        case ListStyle.heroCard:
            return ChoiceFactory.heroCard(choices, text);
        case ListStyle.suggestedAction:
            return ChoiceFactory.suggestedAction(choices, text);
        default:
            return ChoiceFactory.list(choices, text);
    }
}
