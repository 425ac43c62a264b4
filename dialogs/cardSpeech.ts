// What a screen reader says for an Adaptive Card. Web Chat 4.18 builds a card's announcement from
// its `speak` (without one a step is read as "A card: Yes No ..."), and voice channels read it
// aloud, so it holds what the card shows, in the card's order: every text, each fact as
// "title: value", then the buttons' titles.

type CardElement = { type?: string; text?: string; inlines?: { text?: string }[]; facts?: { title: string; value: string }[]; items?: CardElement[] };
type CardAction = { title?: string };

function textsOf(element: CardElement): string[] {
    switch (element.type) {
        case 'TextBlock':
            return element.text ? [element.text] : [];
        case 'RichTextBlock':
            return [(element.inlines ?? []).map((run) => run.text ?? '').join('')];
        case 'FactSet':
            return (element.facts ?? []).map((f) => `${f.title}: ${f.value}`);
        case 'Container':
            return (element.items ?? []).flatMap(textsOf);
        default:
            return [];
    }
}

/** A pause between texts the card shows on separate lines, unless the text already ends with one. */
const sentence = (text: string) => (/[.?!:;…)"”]$/.test(text) ? text : `${text}.`);

/** The card read as it looks: its texts in order, then its buttons, as one utterance. */
export function cardSpeech(body: readonly object[], actions: readonly object[] = []): string {
    const texts = (body as CardElement[]).flatMap(textsOf).map((t) => t.trim()).filter(Boolean);
    const buttons = (actions as CardAction[]).map((a) => a.title?.trim() ?? '').filter(Boolean);
    return [...texts, ...(buttons.length ? [buttons.join(', ')] : [])].map(sentence).join(' ');
}
