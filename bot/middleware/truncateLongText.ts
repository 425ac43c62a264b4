// Cuts an over-long message to MAX_TEXT_LENGTH characters and tells the person, before the turn
// goes on: the classifier, the case file, the transcript and the handoff summary then only ever
// see a bounded text. Runs after redaction, so a code is removed before a cut could split it.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

const truncatedKey = Symbol('textTruncated');

/** True when this turn's message was cut. */
export function wasTruncated(context: TurnContext): boolean {
    return context.turnState.get(truncatedKey) === true;
}

/** The first `max` characters (code points: an emoji or a surrogate pair is never split). */
export function cutText(text: string, max: number): string {
    if (text.length <= max) return text;
    let end = 0;
    let count = 0;
    while (end < text.length && count < max) {
        const code = text.charCodeAt(end);
        end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1;
        count += 1;
    }
    return text.slice(0, end);
}

export class TruncateLongTextMiddleware implements Middleware {
    /**
     * @param maxLength MAX_TEXT_LENGTH.
     * @param notice What to tell the person of this turn, already filled in (replies.textTruncated with {limit}, in their language).
     */
    constructor(
        private readonly maxLength: number,
        private readonly notice: (context: TurnContext) => string
    ) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const { activity } = context;
        if (activity.type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text.length > this.maxLength) {
            const cut = cutText(activity.text, this.maxLength);
            if (cut.length < activity.text.length) {
                activity.text = cut;
                context.turnState.set(truncatedKey, true);
                await context.sendActivity(this.notice(context));
            }
        }
        await next();
    }
}
