// A fix step as the person sees it: an Adaptive Card (1.5, what Teams renders) with the answer
// buttons on the card, or plain text where a channel cannot show cards.
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { ChoiceFactory, type Choice } from 'botbuilder-dialogs';
import type { Replies, Step } from '../knowledge/schema';
import { cardSpeech } from './cardSpeech';
import { fillTemplate } from './fillTemplate';

/** Channels known to render Adaptive Cards; anywhere else gets text with suggested actions. */
const cardChannels = new Set(['msteams', 'webchat', 'directline', 'emulator']);

export function supportsCards(channelId: string): boolean {
    return cardChannels.has(channelId);
}

export interface StepView {
    step: Step;
    number: number;
    total: number;
    choices: Choice[];
}

export function stepActivity(channelId: string, replies: Replies, view: StepView): Partial<Activity> {
    const heading = fillTemplate(replies.stepCard.heading, { number: view.number, total: view.total, title: view.step.title });
    const reminder = view.step.remindNotToShareCode ? replies.stepCard.codeReminder : undefined;
    if (!supportsCards(channelId)) {
        const text = [heading, view.step.instructions, reminder, replies.stepCard.question].filter(Boolean).join('\n\n');
        return ChoiceFactory.forChannel(channelId, view.choices, text);
    }
    // `style: heading` makes the step's title a heading (role="heading") for screen readers.
    const body = [
        { type: 'TextBlock', text: heading, style: 'heading', weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'TextBlock', text: view.step.instructions, wrap: true },
        ...(reminder ? [{ type: 'TextBlock', text: reminder, wrap: true, isSubtle: true, size: 'Small' }] : []),
        { type: 'TextBlock', text: replies.stepCard.question, wrap: true, weight: 'Bolder' }
    ];
    // imBack inside msteams makes Teams post the label as typed text; other channels send
    // `value.answer`, which the bot turns into the same text (see cardSubmitAsText).
    const actions = view.choices.map((c) => {
        const label = c.action?.title ?? c.value;
        // `step` tells a click on this card from a click on an older card still on screen.
        return { type: 'Action.Submit', title: label, data: { answer: label, step: view.step.id, msteams: { type: 'imBack', value: label } } };
    });
    const card = CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        speak: cardSpeech(body, actions),
        body,
        actions
    });
    // The summary is what notifications show for the card.
    return { ...MessageFactory.attachment(card), summary: heading } as Partial<Activity>;
}
