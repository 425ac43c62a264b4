// An Adaptive Card button sends `value: { answer: "Yes" }` with no text on Web Chat and the
// Emulator (Teams sends the text itself, through imBack). Turning it into text makes a click and
// a typed answer the same thing for everything downstream.
import type { Middleware, TurnContext } from 'botbuilder';

export class CardSubmitAsTextMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const { activity } = context;
        const answer = (activity.value as { answer?: unknown } | undefined)?.answer;
        if (activity.type === 'message' && !activity.text && typeof answer === 'string') activity.text = answer;
        await next();
    }
}
