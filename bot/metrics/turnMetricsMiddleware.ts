// Times every turn and, once the dialogs have run, counts what they understood: the last thing
// in the turn that can see the classification (turnUnderstanding is set inside the turn).
import type { Middleware, TurnContext } from 'botbuilder';
import { turnUnderstanding } from '../../dialogs/turnUnderstanding';
import type { BotMetrics } from './botMetrics';

export class TurnMetricsMiddleware implements Middleware {
    constructor(private readonly metrics: BotMetrics) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const started = performance.now();
        let failed = true;
        try {
            await next();
            failed = false;
        } finally {
            const understanding = turnUnderstanding(context);
            this.metrics.recordTurn(
                context.activity.type || 'unknown',
                (performance.now() - started) / 1000,
                failed,
                understanding && { intent: understanding.classification.intent, band: understanding.band }
            );
        }
    }
}
