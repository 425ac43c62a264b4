// An agent's live chats, when HANDOFF_MAX_CHATS lets them have more than one: their words go to
// the chat they last accepted, took over or switched to with `to <case>` (the desk document's
// `current`), and to their latest chat when that one has ended.
import type { Connection, DeskDocument } from './deskDocument';

export function chatsOf(desk: DeskDocument, agentId: string): Connection[] {
    return desk.connections.filter((c) => c.agentId === agentId);
}

export function currentChat(desk: DeskDocument, agentId: string): Connection | undefined {
    const chats = chatsOf(desk, agentId);
    return chats.find((c) => c.caseId === desk.current[agentId]) ?? chats.at(-1);
}

/** Makes this case the agent's current chat. */
export function makeCurrent(desk: DeskDocument, agentId: string, caseId: string): void {
    desk.current[agentId] = caseId;
}
