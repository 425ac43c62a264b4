// The first middleware: security codes are removed from the incoming activity before the
// transcript logger, state, logs or dialogs see it. The dialogs then warn the person.
import type { Middleware, TurnContext } from 'botbuilder';
import { redactSecurityCodes } from './redactSecurityCodes';

const redactedKey = Symbol('securityCodeRedacted');

/** True when this turn's message had a security code removed from it. */
export function wasRedacted(context: TurnContext): boolean {
    return context.turnState.get(redactedKey) === true;
}

function redactInPlace(context: TurnContext, text: string | undefined): string | undefined {
    if (typeof text !== 'string') return text;
    const result = redactSecurityCodes(text);
    if (result.redacted) context.turnState.set(redactedKey, true);
    return result.text;
}

export class RedactionMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const activity = context.activity;
        activity.text = redactInPlace(context, activity.text) as string;
        // Teams repeats the message as an HTML attachment; it would otherwise reach the transcript.
        for (const attachment of activity.attachments ?? []) {
            if (typeof attachment.content === 'string') attachment.content = redactInPlace(context, attachment.content);
        }
        await next();
    }
}
