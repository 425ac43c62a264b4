// What an agent types, read as a desk command: a word, or a word and what it names. Anything else
// (and a command word followed by more than it takes: "end of the story") is words for the
// customer of the agent's live chat. Only turns verified as an agent's are read here at all.

/** `accept` alone takes whoever has waited longest; `accept <case>` exactly that case. */
const words = ['queue', 'messages', 'help', 'available', 'away'] as const;
export type Command =
    | { name: (typeof words)[number] }
    | { name: 'accept'; case?: string }
    | { name: 'end'; disposition?: string; case?: string }
    | { name: 'transfer'; to?: string }
    | { name: 'note'; text: string }
    | { name: 'canned'; id?: string }
    | { name: 'to'; case: string }
    | { name: 'reply'; case: string; text: string }
    | { name: 'done'; case: string };

export function parseCommand(text: string): Command | undefined {
    const t = text.trim();
    const word = words.find((w) => w === t.toLowerCase());
    if (word) return { name: word };
    const accept = /^accept(?:\s+(#?[A-Za-z0-9-]{1,40}))?$/i.exec(t);
    if (accept) return { name: 'accept', case: accept[1] };
    // One word after "end" is a disposition, and a second one the case it is for (the buttons
    // asking about an ended chat send it); more words are a sentence for the customer.
    const end = /^end(?:\s+([A-Za-z0-9-]{1,40})(?:\s+#?([A-Za-z0-9]{1,40}))?)?$/i.exec(t);
    if (end) return { name: 'end', disposition: end[1], case: end[2] };
    const transfer = /^transfer(?:\s+(\S.{0,80}))?$/i.exec(t);
    if (transfer) return { name: 'transfer', to: transfer[1] };
    const canned = /^(?:\/|canned\s+)([A-Za-z0-9-]{1,40})$/i.exec(t) ?? /^canned()$/i.exec(t);
    if (canned) return { name: 'canned', id: canned[1] || undefined };
    const to = /^to\s+(#?[A-Za-z0-9-]{1,40})$/i.exec(t);
    if (to) return { name: 'to', case: to[1]! };
    const note = /^note\s+(\S[\s\S]*)$/i.exec(t);
    if (note) return { name: 'note', text: note[1]! };
    const reply = /^reply\s+(#?[A-Za-z0-9-]{1,40})\s+(\S[\s\S]*)$/i.exec(t);
    if (reply) return { name: 'reply', case: reply[1]!, text: reply[2]! };
    const done = /^done\s+(#?[A-Za-z0-9-]{1,40})$/i.exec(t);
    return done ? { name: 'done', case: done[1]! } : undefined;
}
