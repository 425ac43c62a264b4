// Shows what the classifiers made of a message in the Emulator's inspector.
import { Channels, type TurnContext } from 'botbuilder';
import type { Understanding } from './turnUnderstanding';

export const classificationTraceType = 'https://bmw-connected-help/classification';

export async function traceClassification(context: TurnContext, understanding: Understanding): Promise<void> {
    // Only the Emulator shows traces (the adapter drops them on every other channel), so only
    // there is one worth building and passing through every reply handler.
    if (context.activity.channelId !== Channels.Emulator) return;
    const { reply, classification, band, dialogStep } = understanding;
    // At a question the reply's act is what the bot acts on, so that is what the trace shows first.
    const value = reply
        ? {
              act: reply.reading.act,
              score: reply.reading.score,
              alternatives: reply.reading.alternatives,
              question: reply.question,
              kind: reply.kind,
              dialogStep,
              intent: classification.intent,
              intentScore: classification.score
          }
        : { intent: classification.intent, score: classification.score, alternatives: classification.alternatives, band, dialogStep };
    const label = reply ? 'What the reply classifier made of this answer' : 'What the intent classifier made of this message';
    await context.sendTraceActivity('Classification', value, classificationTraceType, label);
}
