// How a live chat ended, as the agent says with `end <disposition>`: one of the closed set in
// knowledge/desk.yaml, written as a feedback record (with the agent's key, the case and the time)
// so `npm run report` can count them. An agent who ends a chat with a bare `end`, or whose
// customer left or went silent, is asked afterwards; the case waits for its disposition in
// the desk document (`wrapUp`), so a restart does not forget it.
import type { DeskData, Disposition } from '../../knowledge/deskSchema';
import type { FeedbackSink } from '../../dialogs/feedbackRecord';

export function dispositionNamed(desk: DeskData, typed: string): Disposition | undefined {
    return desk.dispositions.find((d) => d.id === typed.trim().toLowerCase());
}

/** The ids as an agent types them, for the replies that list them. */
export const dispositionIds = (desk: DeskData) => desk.dispositions.map((d) => `"${d.id}"`).join(', ');

export function recordDisposition(feedback: FeedbackSink, caseId: string, agent: string, disposition: Disposition, at: Date): Promise<void> {
    return feedback.append({ kind: 'disposition', caseId, at: at.toISOString(), agent, disposition: disposition.id });
}
