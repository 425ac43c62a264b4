// The standard Bot Framework handoff: a `handoff.initiate` event carrying the case summary and
// the person's (redacted) words as a transcript, for channels wired to an agent platform such
// as Dynamics 365 Omnichannel or LivePerson.
import { ActivityTypes, EventFactory, type Activity, type TurnContext } from 'botbuilder';
import type { CaseSummary } from '../../dialogs/caseSummary';

/** Teams has no agent-platform handoff and rejects activity types it does not know. */
const channelsWithoutHandoffProtocol = new Set(['msteams']);

export async function sendHandoffInitiation(context: TurnContext, summary: CaseSummary): Promise<void> {
    if (channelsWithoutHandoffProtocol.has(context.activity.channelId)) return;
    const { from, recipient, conversation, channelId } = context.activity;
    const activities = summary.messages.map(
        (text): Partial<Activity> => ({ type: ActivityTypes.Message, text, from, recipient, conversation, channelId })
    );
    await context.sendActivity(EventFactory.createHandoffInitiation(context, summary, { activities: activities as Activity[] }));
}
