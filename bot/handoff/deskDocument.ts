// The agent desk's shared state: who is waiting, who is talking to whom, messages left, and
// where each agent can be reached. One document in the bot's storage, so every instance of
// the bot sees the same queue and a restart loses no one.
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
    /** waiting for an agent, or asked to leave a message (timed out or out of hours). */
    state: z.enum(['waiting', 'leavingMessage'])
});

export const connectionSchema = z.object({
    caseId: z.string(),
    customer: referenceSchema,
    agentId: z.string(),
    agent: referenceSchema,
    summary: caseSummarySchema,
    since: z.string()
});

export const leftMessageSchema = z.object({
    caseId: z.string(),
    customer: referenceSchema,
    summary: caseSummarySchema,
    message: z.string(),
    at: z.string()
});

export const deskDocumentSchema = z.object({
    waiting: z.array(waitingCustomerSchema).default([]),
    connections: z.array(connectionSchema).default([]),
    leftMessages: z.array(leftMessageSchema).default([]),
    /** agent user id -> the conversation in which the bot last heard from them. */
    agents: z.record(z.string(), referenceSchema).default({})
});

export type WaitingCustomer = z.infer<typeof waitingCustomerSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type LeftMessage = z.infer<typeof leftMessageSchema>;
export type DeskDocument = z.infer<typeof deskDocumentSchema>;
