// Messages customers leave when no agent can take them: work items for the team. Each case keeps
// the customer's messages in order, the agents' replies (delivered to the customer's chat when
// the channel still takes proactive messages) and who marked it done. They live in their own
// document (deskDocument.ts), read only when a message is left or an agent works on them.
import type { Storage } from 'botbuilder';
import { caseLabel, namesCase } from './caseLabel';
import { leftMessagesDocumentSchema, leftMessagesKey, type LeftMessage, type WaitingCustomer } from './deskDocument';
import { DeskStore } from './deskStore';


export class LeftMessageBox {
    private readonly store: DeskStore<typeof leftMessagesDocumentSchema>;

    constructor(storage: Storage, private readonly now: () => Date) {
        this.store = new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema);
    }

    /** Every left message, done ones included, oldest first. */
    async all(): Promise<LeftMessage[]> {
        return (await this.store.read()).leftMessages;
    }

    async open(): Promise<LeftMessage[]> {
        return (await this.all()).filter((m) => !m.done);
    }

    /** The customer's first message for this case, or one more added to it. */
    async keep(entry: WaitingCustomer, text: string): Promise<'first' | 'added'> {
        const at = this.now().toISOString();
        return this.store.update((m) => {
            const existing = m.leftMessages.find((x) => x.caseId === entry.caseId && !x.done);
            if (existing) {
                existing.more.push({ text, at });
                existing.at = at;
                return 'added' as const;
            }
            m.leftMessages.push({ caseId: entry.caseId, customer: entry.customer, summary: entry.summary, message: text, at, more: [], answers: [] });
            return 'first' as const;
        });
    }

    /** The open message an agent names by its case label. */
    async find(named: string): Promise<LeftMessage | undefined> {
        return (await this.open()).find((m) => namesCase(named, m.caseId));
    }

    /** Records an agent's reply and whether it reached the customer. */
    async recordAnswer(caseId: string, answer: { agent: string; text: string; delivered: boolean }): Promise<void> {
        const at = this.now().toISOString();
        await this.store.update((m) => {
            m.leftMessages.find((x) => x.caseId === caseId && !x.done)?.answers.push({ ...answer, at });
        });
    }

    /** Marks the case's message done; false when there was no open one. */
    async markDone(named: string, by: string): Promise<string | undefined> {
        const at = this.now().toISOString();
        return this.store.update((m) => {
            const message = m.leftMessages.find((x) => !x.done && namesCase(named, x.caseId));
            if (!message) return undefined;
            message.done = { by, at };
            return caseLabel(message.caseId);
        });
    }
}
