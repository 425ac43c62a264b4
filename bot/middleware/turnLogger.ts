// One structured log line per message turn, at info: where (conversation, channel), what the bot
// understood (intent, score, band), where in the dialogs the person was (dialogStep), and how long
// the turn took. Never the message text at info: at debug, only the text as the turn saw it,
// which is after redaction and truncation (this middleware runs after both).
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { turnUnderstanding } from '../../dialogs/turnUnderstanding';
import type { Logger } from '../logger';
import { wasRedacted } from '../privacy/redactionMiddleware';
import { wasTruncated } from './truncateLongText';

export interface TurnLogLine {
    conversationId: string | undefined;
    channelId: string | undefined;
    intent: string | undefined;
    score: number | undefined;
    band: string | undefined;
    dialogStep: string | undefined;
    latencyMs: number;
    replies: number;
    redacted: boolean;
    truncated: boolean;
    outcome: 'ok' | 'error';
}

export class TurnLoggerMiddleware implements Middleware {
    constructor(
        private readonly log: Logger,
        private readonly clock: () => number = () => performance.now()
    ) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        if (context.activity.type !== ActivityTypes.Message) return next();
        const started = this.clock();
        let replies = 0;
        context.onSendActivities(async (_ctx, activities, sendNext) => {
            replies += activities.filter((a) => a.type === ActivityTypes.Message).length;
            return sendNext();
        });
        let outcome: TurnLogLine['outcome'] = 'error';
        try {
            await next();
            outcome = 'ok';
        } finally {
            const { activity } = context;
            const understanding = turnUnderstanding(context);
            const line: TurnLogLine = {
                conversationId: activity.conversation?.id,
                channelId: activity.channelId,
                intent: understanding?.classification.intent,
                score: understanding ? Math.round(understanding.classification.score * 1000) / 1000 : undefined,
                band: understanding?.band,
                dialogStep: understanding?.dialogStep,
                latencyMs: Math.round((this.clock() - started) * 10) / 10,
                replies,
                redacted: wasRedacted(context),
                truncated: wasTruncated(context),
                outcome
            };
            this.log.info(line, 'message turn');
            if (this.log.isLevelEnabled('debug')) {
                this.log.debug({ conversationId: line.conversationId, text: activity.text }, 'message turn text (redacted)');
            }
        }
    }
}
