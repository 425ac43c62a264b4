// Canned responses (knowledge/desk.yaml): answers agents give again and again, sent into a live
// chat with `/<id>` or `canned <id>`, under the agent's name, as if they had typed them.
import { fillTemplate } from '../../dialogs/fillTemplate';
import type { CannedResponse, DeskData } from '../../knowledge/deskSchema';
import type { Replies } from '../../knowledge/schema';

export function cannedNamed(desk: DeskData, typed: string): CannedResponse | undefined {
    return desk.canned.find((c) => c.id === typed.trim().toLowerCase());
}

export const cannedIds = (desk: DeskData) => desk.canned.map((c) => `/${c.id}`).join(', ');

/** The responses as help shows them: `/<id>` and what it is for, one a line. */
export function cannedList(replies: Replies, desk: DeskData): string {
    const lines = desk.canned.map((c) => fillTemplate(replies.handoff.agentCannedLine, { command: `/${c.id}`, title: c.title }));
    return [replies.handoff.agentCannedHeading, ...lines].join('\n\n');
}
