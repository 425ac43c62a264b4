// The agent desk's shared state, as two documents in the bot's storage, so every instance of the
// bot sees the same queue and a restart loses no one: the desk (who is waiting, who is talking to
// whom, where each agent can be reached), read on every customer turn, and the messages left for
// agents, which only grow and are read only when a message is left or an agent asks for them, so
// that they never weigh on an ordinary turn.
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { caseSummarySchema } from '../../dialogs/caseSummary';

const referenceSchema = z.custom<Partial<ConversationReference>>(
    (v) => typeof v === 'object' && v !== null && typeof (v as ConversationReference).conversation?.id === 'string',
    'must be a conversation reference'
);

export const waitingCustomerSchema = z.object({
    caseId: z.string(),
    customer: referenceSchema,
    summary: caseSummarySchema,
    since: z.string(),
    /** The position the customer was last told, so they hear only about changes. */
    toldPosition: z.number().int(),
    /**
     * waiting for an agent; asked to leave a message (timed out or out of hours); or has left one,
     * so that what they add next goes with it until they say bye or HANDOFF_IDLE_MINUTES pass.
     */
    state: z.enum(['waiting', 'leavingMessage', 'messageLeft']),
    /** When available agents were alerted that this customer waited past HANDOFF_SLA_MINUTES: once per case. */
    slaAlertedAt: z.string().optional()
});

export const connectionSchema = z.object({
    caseId: z.string(),
    customer: referenceSchema,
    agentId: z.string(),
    /** What the customer and other agents are told this agent is called (absent in chats accepted before it was kept). */
    agentName: z.string().optional(),
    agent: referenceSchema,
    summary: caseSummarySchema,
    since: z.string(),
    /** When either side last wrote, for HANDOFF_IDLE_MINUTES (absent: nobody has written since `since`). */
    lastMessageAt: z.string().optional(),
    /**
     * What was said in the live chat (as relayed: codes already redacted by the turn's middleware),
     * the latest few (chatHistory.ts), so an agent who takes the chat over reads it first.
     */
    said: z.array(z.object({ agent: z.string().optional(), text: z.string(), at: z.string() })).default([]),
    /** Agents' internal notes on the case (`note <text>`): shown to agents, never sent to the customer. */
    notes: z.array(z.object({ agent: z.string(), text: z.string(), at: z.string() })).default([])
});

export const leftMessageSchema = z.object({
    caseId: z.string(),
    customer: referenceSchema,
    summary: caseSummarySchema,
    /** The customer's first message; what they added after it is in `more`. */
    message: z.string(),
    /** When the customer last wrote: retention counts from here. */
    at: z.string(),
    more: z.array(z.object({ text: z.string(), at: z.string() })).default([]),
    /** Agents' replies, and whether the customer's channel took them. */
    answers: z.array(z.object({ agent: z.string(), text: z.string(), at: z.string(), delivered: z.boolean() })).default([]),
    done: z.object({ by: z.string(), at: z.string() }).optional()
});

export const deskDocumentSchema = z.object({
    waiting: z.array(waitingCustomerSchema).default([]),
    connections: z.array(connectionSchema).default([]),
    /** agent user id -> the conversation in which the bot last heard from them. */
    agents: z.record(z.string(), referenceSchema).default({}),
    /** Agents who said `away`; everyone else the bot has heard from is available. */
    away: z.array(z.string()).default([]),
    /** agent user id -> the cases of their ended chats, oldest first, until they say how each ended (dispositions.ts). */
    wrapUp: z
        .record(z.string(), z.union([z.string().transform((caseId) => [caseId]), z.array(z.string())]))
        .default({}),
    /** agent user id -> the case their words go to, when they have more than one chat (agentChats.ts). */
    current: z.record(z.string(), z.string()).default({})
});
export const deskKey = 'handoff/desk';

export const leftMessagesDocumentSchema = z.object({
    leftMessages: z.array(leftMessageSchema).default([])
});
export const leftMessagesKey = 'handoff/messages';

export type WaitingCustomer = z.infer<typeof waitingCustomerSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type LeftMessage = z.infer<typeof leftMessageSchema>;
export type DeskDocument = z.infer<typeof deskDocumentSchema>;
