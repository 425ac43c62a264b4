// HANDOFF_SLA_MINUTES: customers who have waited that long for an agent are each alerted once to
// the agents on duty. The alert is marked on the waiting entry in the same change of the desk
// document that finds it late, so two instances of the bot, or a restart, never alert twice.
import type { ConversationReference } from 'botbuilder';
import type { DeskDocument, WaitingCustomer } from './deskDocument';

export function takeLateCases(desk: DeskDocument, now: number, slaMinutes: number): WaitingCustomer[] {
    const late = desk.waiting.filter((w) => w.state === 'waiting' && !w.slaAlertedAt && now - Date.parse(w.since) >= slaMinutes * 60_000);
    const at = new Date(now).toISOString();
    late.forEach((w) => (w.slaAlertedAt = at));
    return late;
}

/**
 * Every listed agent who has not said they are away, those in chats too (unlike new-customer
 * notices): a late case is the moment someone may choose to finish a chat sooner.
 */
export function agentsOnDuty(desk: DeskDocument, listed: ReadonlySet<string>): Partial<ConversationReference>[] {
    return Object.entries(desk.agents)
        .filter(([id]) => listed.has(id) && !desk.away.includes(id))
        .map(([, to]) => to);
}
