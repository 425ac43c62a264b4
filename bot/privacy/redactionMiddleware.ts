// The first middleware after card submits become text: security codes are removed from every part
// of the incoming activity that the rest of the bot, the transcript, state or logs can read
// (text, speech text, summary, submitted values, attachment contents and names, and the names of
// people and conversations), whoever the activity claims to come from. The dialogs then warn the
// person, but only when something they wrote (not a display name) had a code in it.
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { redactDeep } from './redactDeep';
import { redactSecurityCodes } from './redactSecurityCodes';

const redactedKey = Symbol('securityCodeRedacted');

/** True when this turn's message had a security code removed from it. */
export function wasRedacted(context: TurnContext): boolean {
    return context.turnState.get(redactedKey) === true;
}

class ActivityRedaction {
    /** Something the person wrote had a code in it. */
    written = false;

    text(value: unknown, written = true): unknown {
        if (typeof value !== 'string') return value;
        const result = redactSecurityCodes(value);
        if (result.redacted && written) this.written = true;
        return result.text;
    }

    deep(value: unknown): unknown {
        if (value === undefined || value === null) return value;
        const result = redactDeep(value);
        if (result.redacted) this.written = true;
        return result.value;
    }

    /** A display name: redacted, but not something the person typed into this conversation. */
    name<T extends { name?: unknown } | undefined>(account: T): T {
        if (account && typeof account === 'object' && typeof account.name === 'string') account.name = this.text(account.name, false) as string;
        return account;
    }
}

/** Redacts the activity in place; true when something the person wrote had a code in it. */
export function redactIncomingActivity(activity: Partial<Activity>): boolean {
    const r = new ActivityRedaction();
    activity.text = r.text(activity.text) as string;
    activity.speak = r.text(activity.speak) as string;
    activity.summary = r.text(activity.summary) as string;
    if (activity.value !== undefined) activity.value = r.deep(activity.value);
    if (Array.isArray(activity.attachments)) {
        for (const attachment of activity.attachments) {
            if (!attachment || typeof attachment !== 'object') continue;
            attachment.name = r.text(attachment.name) as string;
            // Teams repeats the message as an HTML attachment; cards carry submitted fields.
            attachment.content = r.deep(attachment.content);
        }
    }
    r.name(activity.from);
    r.name(activity.conversation);
    for (const member of [
        ...(Array.isArray(activity.membersAdded) ? activity.membersAdded : []),
        ...(Array.isArray(activity.membersRemoved) ? activity.membersRemoved : [])
    ]) {
        r.name(member);
    }
    // Undefined fields stay absent rather than appearing as "text": undefined.
    for (const key of ['text', 'speak', 'summary'] as const) if (activity[key] === undefined) delete activity[key];
    return r.written;
}

export class RedactionMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        if (redactIncomingActivity(context.activity)) context.turnState.set(redactedKey, true);
        await next();
    }
}
