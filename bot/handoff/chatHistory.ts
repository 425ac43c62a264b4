// What was said in a live chat, kept on its connection so that a transfer hands it over. Only
// the latest lines are kept: the desk document is read on every customer turn, and an agent
// taking over needs the recent thread, not a transcript (transcripts are kept elsewhere).
import type { Connection } from './deskDocument';

const kept = 30;

/** `agent`: the agent's name when they wrote it; absent when the customer did. */
export function keepSaid(connection: Connection, line: { agent?: string; text: string; at: string }): void {
    if (!line.text) return;
    connection.said.push(line);
    connection.said.splice(0, Math.max(0, connection.said.length - kept));
}
