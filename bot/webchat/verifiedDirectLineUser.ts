// Proof that a turn came through the built-in Direct Line, for the user its token was issued to.
//
// With authentication off, anyone can POST /api/messages with channelId "directline" and any
// from.id, so the activity's own fields prove nothing. The built-in Direct Line marks the
// activity object it hands the adapter; the turn's context holds that very object (TurnContext
// keeps the request it is given), and no JSON a client sends can create an entry in a WeakMap.
import type { Activity, TurnContext } from 'botbuilder';

const verified = new WeakMap<object, string>();

/** Called by the built-in Direct Line just before it runs the turn for `activity`. */
export function markVerifiedDirectLineUser(activity: Partial<Activity>, userId: string): void {
    verified.set(activity, userId);
}

/** The user the built-in Direct Line vouched for on this turn, when it came through it and from.id still says so. */
export function verifiedDirectLineUser(context: TurnContext): string | undefined {
    const userId = verified.get(context.activity);
    return userId !== undefined && context.activity.from?.id === userId ? userId : undefined;
}
