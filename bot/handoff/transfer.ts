// `transfer <agent>`: hands an agent's live chat to another agent, with what was said so far.
// Decided in one change of the desk document (with its eTag, deskStore.ts), so the chat is never
// with both agents or with neither, and a restart right after finds it with the new agent.
import type { ConversationReference } from 'botbuilder';
import { fillTemplate } from '../../dialogs/fillTemplate';
import type { Replies } from '../../knowledge/schema';
import { chatsOf, makeCurrent } from './agentChats';
import { agentNameOf } from './agentName';
import { caseLabel } from './caseLabel';
import type { Connection, DeskDocument } from './deskDocument';

export type TransferOutcome =
    | { kind: 'notConnected' }
    | { kind: 'noSuchAgent'; available: string[] }
    | { kind: 'self'; caseId: string }
    | { kind: 'away' | 'busy'; name: string; caseId: string }
    | { kind: 'transferred'; connection: Connection; from: string };

interface KnownAgent {
    id: string;
    name: string;
    reference: Partial<ConversationReference>;
}

/** Listed agents the bot can reach (it has heard from them), by the name they are shown as. */
function knownAgents(desk: DeskDocument, listed: ReadonlySet<string>): KnownAgent[] {
    return Object.entries(desk.agents)
        .filter(([id]) => listed.has(id))
        .map(([id, reference]) => ({ id, name: agentNameOf(id, reference.user?.name), reference }));
}

/** Agents who could take a chat now: reachable, available and under their chat limit. */
export function agentsFree(desk: DeskDocument, listed: ReadonlySet<string>, maxChats: number, except?: string): string[] {
    return knownAgents(desk, listed)
        .filter((a) => a.id !== except && !desk.away.includes(a.id) && chatsOf(desk, a.id).length < maxChats)
        .map((a) => a.name);
}


export function transferChat(
    desk: DeskDocument,
    request: { from: string; fromName: string; named: string; chat: Connection | undefined; listed: ReadonlySet<string>; maxChats: number; at: string }
): TransferOutcome {
    const chat = request.chat && desk.connections.find((c) => c.caseId === request.chat!.caseId && c.agentId === request.from);
    if (!chat) return { kind: 'notConnected' };
    const named = request.named.trim().toLowerCase();
    const target = knownAgents(desk, request.listed).find((a) => a.id.toLowerCase() === named || a.name.toLowerCase() === named);
    if (!target) return { kind: 'noSuchAgent', available: agentsFree(desk, request.listed, request.maxChats, request.from) };
    if (target.id === request.from) return { kind: 'self', caseId: chat.caseId };
    if (desk.away.includes(target.id)) return { kind: 'away', name: target.name, caseId: chat.caseId };
    if (chatsOf(desk, target.id).length >= request.maxChats) return { kind: 'busy', name: target.name, caseId: chat.caseId };
    Object.assign(chat, { agentId: target.id, agentName: target.name, agent: target.reference, lastMessageAt: request.at });
    makeCurrent(desk, target.id, chat.caseId);
    return { kind: 'transferred', connection: chat, from: request.fromName };
}

export const agentList = (replies: Replies, names: string[]) => names.join(', ') || replies.handoff.agentNobodyAvailable;

/** Why the chat stays with the sender. What they typed is echoed only as letters, digits and the marks names and ids use. */
export function transferRefusal(replies: Replies, outcome: Exclude<TransferOutcome, { kind: 'transferred' }>, named: string): string {
    const h = replies.handoff;
    switch (outcome.kind) {
        case 'notConnected':
            return h.agentNotConnected;
        case 'noSuchAgent':
            return fillTemplate(h.agentTransferNoSuchAgent, { agent: named.replace(/[^\p{L}\p{N} .'@:/-]/gu, '').slice(0, 60), agents: agentList(replies, outcome.available) });
        case 'self':
            return fillTemplate(h.agentTransferSelf, { case: caseLabel(outcome.caseId) });
        case 'away':
        case 'busy':
            return fillTemplate(outcome.kind === 'away' ? h.agentTransferAway : h.agentTransferBusy, { agent: outcome.name, case: caseLabel(outcome.caseId) });
    }
}
