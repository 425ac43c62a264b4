// The hand-over to a human, counted by the summary's reason (asked, stepsExhausted, fallback,
// difficulty) once it has gone through.
import type { DialogDeps } from '../../dialogs/dialogDeps';
import type { BotMetrics } from './botMetrics';

type RequestHuman = DialogDeps['requestHuman'];

export function meteredRequestHuman(metrics: BotMetrics, requestHuman: RequestHuman): RequestHuman {
    return async (context, summary) => {
        await requestHuman(context, summary);
        metrics.recordHandoff(summary.reason);
    };
}
