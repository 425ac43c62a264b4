// Holds a turn's outgoing activities until the turn has saved its state. A turn that loses an
// eTag race is run again, and the person must see the replies of the attempt that counted, not
// those of both. Typing indicators go out at once: they promise nothing and may be repeated.
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';

const BUFFER = Symbol('replyBuffer');

type Release = () => Promise<ResourceResponse[]>;

export class ReplyBuffer {
    private holding = false;
    private held: Release[] = [];

    private constructor(context: TurnContext) {
        context.onSendActivities(async (_context, activities, next) => {
            if (!this.holding || activities.every((a: Partial<Activity>) => a.type === 'typing')) return next();
            // Calling `next` later sends through the rest of the chain and the adapter then. The
            // turn gets empty ids meanwhile, as with deliveryMode expectReplies.
            this.held.push(next);
            return activities.map(() => ({ id: '' }));
        });
    }

    /**
     * The turn's buffer, registered on first use. Handlers registered before it (by middleware
     * added to the adapter earlier) see every attempt's replies; add ReplyBufferMiddleware
     * first to put the buffer ahead of them (a transcript logger, for one).
     */
    static for(context: TurnContext): ReplyBuffer {
        let buffer = context.turnState.get(BUFFER) as ReplyBuffer | undefined;
        if (!buffer) {
            buffer = new ReplyBuffer(context);
            context.turnState.set(BUFFER, buffer);
        }
        return buffer;
    }

    /** Starts holding replies (an attempt begins). */
    hold(): void {
        this.holding = true;
        this.held = [];
    }

    /** Drops what the attempt said and stops holding. */
    discard(): void {
        this.holding = false;
        this.held = [];
    }

    /** Sends what the attempt said, in order, and stops holding (later replies go straight out). */
    async flush(): Promise<void> {
        this.holding = false;
        const held = this.held;
        this.held = [];
        for (const release of held) await release();
    }

    get heldCount(): number {
        return this.held.length;
    }
}

/** Registers the buffer before the middleware added after it; it holds nothing until a retrying turn asks. */
export class ReplyBufferMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        ReplyBuffer.for(context);
        await next();
    }
}
