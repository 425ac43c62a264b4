// A customer's name as their channel gives it, for the agent's cards: Teams sets the person's real
// name; Web Chat sends what the page says. A client may send anything, so only letters, digits,
// spaces and . ' - are kept, and at most 40 characters.
import type { ConversationReference } from 'botbuilder';

export function customerName(reference: Partial<ConversationReference>): string | undefined {
    const name = (reference.user?.name ?? '').normalize('NFKC').replace(/[^\p{L}\p{N} .'-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 40);
    return name || undefined;
}
