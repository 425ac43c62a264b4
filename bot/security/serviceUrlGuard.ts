// Drops what a turn would send to a serviceUrl off the allow-list (serviceUrlAllowList.ts), with
// a warn line naming the host and nothing else of the URL or the message. The handlers are
// registered on each turn's context, and CloudAdapter runs the middleware for proactive turns
// (continueConversationAsync) as well, so replies, updates, deletes and the agent desk's later
// messages are all checked.
//
// The destination judged is the one the adapter will use: the connector client it created for
// the turn from the serviceUrl (its baseUri), and the turn's own serviceUrl. A dropped activity
// answers `{ id: '' }`, as a reply buffered for deliveryMode expectReplies does, so the dialogs
// and the desk carry on as if it had gone out; nobody is listening at that address anyway.
import { DeliveryModes, type Activity, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ServiceUrlAllowList, type ServiceUrlVerdict } from './serviceUrlAllowList';

/** Activity types the adapter keeps to itself (the HTTP answer, a pause): nothing goes out for them. */
const neverSent = new Set(['invokeResponse', 'delay']);

type Operation = 'send' | 'update' | 'delete';
type Refused = Extract<ServiceUrlVerdict, { allowed: false }>;

export class ServiceUrlGuardMiddleware implements Middleware {
    constructor(
        private readonly allowList: ServiceUrlAllowList,
        private readonly log: Logger
    ) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        // One line per turn and kind of call is enough to say why, and keeps a client from
        // multiplying log lines.
        const logged = new Set<Operation>();
        const drop = (ctx: TurnContext, operation: Operation, verdict: Refused) => {
            if (logged.has(operation)) return;
            logged.add(operation);
            this.logDrop(ctx, operation, verdict);
        };
        context.onSendActivities(async (ctx, activities, sendRest) => {
            // The replies come back in the HTTP answer; nothing is posted to the serviceUrl.
            if (ctx.activity.deliveryMode === DeliveryModes.ExpectReplies) return sendRest();
            const goesOut = activities.map((a: Partial<Activity>) => !neverSent.has(a.type ?? ''));
            if (!goesOut.some(Boolean)) return sendRest();
            const verdict = this.verdict(ctx);
            if (verdict.allowed) return sendRest();
            drop(ctx, 'send', verdict);
            const kept = activities.filter((_, i) => !goesOut[i]);
            let keptResponses: ResourceResponse[] = [];
            if (kept.length) {
                // The rest of the chain sends this same array, so what it holds is what goes on.
                activities.splice(0, activities.length, ...kept);
                keptResponses = (await sendRest()) ?? [];
            }
            let k = 0;
            return goesOut.map((out) => (out ? { id: '' } : (keptResponses[k++] ?? { id: '' })));
        });
        context.onUpdateActivity(async (ctx, _activity, updateRest) => {
            const verdict = this.verdict(ctx);
            if (verdict.allowed) return updateRest();
            drop(ctx, 'update', verdict);
        });
        context.onDeleteActivity(async (ctx, _reference, deleteRest) => {
            const verdict = this.verdict(ctx);
            if (verdict.allowed) return deleteRest();
            drop(ctx, 'delete', verdict);
        });
        await next();
    }

    private verdict(context: TurnContext): ServiceUrlVerdict {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as { baseUri?: unknown } | undefined;
        const turn = this.allowList.check(context.activity.serviceUrl);
        if (!turn.allowed || typeof client?.baseUri !== 'string' || client.baseUri === context.activity.serviceUrl) return turn;
        return this.allowList.check(client.baseUri);
    }

    private logDrop(context: TurnContext, operation: Operation, verdict: Refused): void {
        this.log.warn(
            { host: verdict.host ?? '(none)', reason: verdict.reason, operation, conversationId: context.activity.conversation?.id, channelId: context.activity.channelId },
            'outgoing activity dropped: its serviceUrl is not on the allow-list (SERVICE_URL_ALLOWLIST, README "Security and privacy")'
        );
    }
}

/**
 * The allow-list this configuration means: SERVICE_URL_ALLOWLIST; Microsoft's channel hosts when
 * the bot checks tokens (MicrosoftAppId); loopback in development (the Emulator, local channels);
 * and the built-in Direct Line's own serviceUrl, which ownServiceUrl returns while it is on.
 */
export function serviceUrlGuardFor(
    config: Pick<Config, 'SERVICE_URL_ALLOWLIST' | 'MicrosoftAppId' | 'NODE_ENV'>,
    log: Logger,
    ownServiceUrl: () => string | undefined
): ServiceUrlGuardMiddleware {
    const allowList = new ServiceUrlAllowList({
        configured: config.SERVICE_URL_ALLOWLIST,
        channels: !!config.MicrosoftAppId,
        loopback: config.NODE_ENV === 'development',
        ownServiceUrl
    });
    return new ServiceUrlGuardMiddleware(allowList, log);
}
