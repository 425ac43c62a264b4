// The built-in agent desk for teams without an agent platform. People listed in
// HANDOFF_AGENT_IDS (by Azure AD identity or Web Chat sign-in, agentEntries.ts) are agents when a
// turn proves it (agentIdentity.ts): they see the queue, accept a customer, chat through the
// bot (both ways, as proactive messages), and end the chat. Customers wait in a durable queue,
// can leave it, and are offered to leave a message when nobody answers in time or out of hours.
import { MessageFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference, type Storage } from 'botbuilder';
import type { CaseSummary } from '../../dialogs/caseSummary';
import { fillTemplate } from '../../dialogs/fillTemplate';
import type { FeedbackSink } from '../../dialogs/feedbackRecord';
import type { DeskData } from '../../knowledge/deskSchema';
import { sourceLanguage, type Language } from '../../knowledge/languages';
import type { Replies } from '../../knowledge/schema';
import type { Logger } from '../logger';
import { verifiedIdentityKey } from './agentIdentity';
import { acceptButton, alertCard, caseCard, dispositionCard, endButton, helpCard, messagesCard, problemOf, queueCard } from './agentCards';
import { agentNameOf } from './agentName';
import { cannedIds, cannedList, cannedNamed } from './cannedResponses';
import { keepSaid } from './chatHistory';
import { parseCommand } from './deskCommands';
import { chatsOf, currentChat, makeCurrent } from './agentChats';
import { customerName } from './customerName';
import { caseLabel, namesCase } from './caseLabel';
import {
    deskDocumentSchema,
    deskKey,
    type Connection,
    type DeskDocument,
    type LeftMessage,
    type WaitingCustomer
} from './deskDocument';
import { dispositionIds, dispositionNamed, recordDisposition } from './dispositions';
import { DeskStore } from './deskStore';
import { LeftMessageBox } from './leftMessageBox';
import { agentsOnDuty, takeLateCases } from './slaAlerts';
import { agentList, agentsFree, transferChat, transferRefusal } from './transfer';
import { relayedMessage } from './relayedMessage';
import { isOpen, type OfficeHours } from './officeHours';

export interface AgentDeskOptions {
    storage: Storage;
    adapter: CloudAdapter;
    /** The bot's app id for proactive messages ('' when running without authentication). */
    appId: string;
    /** HANDOFF_AGENT_IDS in canonical form (config.ts): the agents' keys. */
    agentIds: string[];
    timeoutMinutes: number;
    /** Available agents are alerted once when a customer has waited this long (HANDOFF_SLA_MINUTES; absent: never). */
    slaMinutes?: number;
    /** How many live chats an agent can have at once (HANDOFF_MAX_CHATS, default 1). */
    maxChats?: number;
    /** A live chat in which nobody has written for this long is closed (HANDOFF_IDLE_MINUTES). */
    idleMinutes: number;
    hours?: OfficeHours;
    /** What agents read, in the source language. */
    replies: Replies;
    /** What customers read, by the language they spoke to the bot (absent: the agents' replies). */
    customerReplies?: Partial<Record<Language, Replies>>;
    /** The dispositions agents end chats with (knowledge/desk.yaml). */
    desk: DeskData;
    /** Where dispositions are recorded, for `npm run report`. */
    feedback: FeedbackSink;
    log: Logger;
    /** The intent classifier's reading of a customer's message, in their language: cancel or goodbye leaves the queue or ends a live chat. */
    intentOf(text: string, language: Language): string;
    /** Runs in the customer's conversation when an agent ends the chat: the bot takes over again. */
    onChatEnded(context: TurnContext, caseId: string): Promise<void>;
    now?: () => Date;
}

type AcceptOutcome =
    | { kind: 'busy' }
    | { kind: 'empty' }
    | { kind: 'notWaiting' }
    | { kind: 'taken'; by: string }
    | { kind: 'connected'; connection: Connection; updates: Outgoing[]; waitingSince: string };

export interface DeskOccupancy {
    waiting: number;
    leavingMessage: number;
    available: number;
    away: number;
    inChat: number;
}

/** `fromName`: who the message is from, for channels that show a sender's name (Web Chat shows `from.name`). */
type Outgoing = { to: Partial<ConversationReference>; activity: Partial<Activity> | string; fromName?: string };

const conversationOf = (reference: Partial<ConversationReference>) => reference.conversation?.id;

export class AgentDesk {
    private readonly store: DeskStore<typeof deskDocumentSchema>;
    private readonly box: LeftMessageBox;
    private readonly agentIds: Set<string>;
    private timer: NodeJS.Timeout | undefined;
    private readonly maxChats: number;
    private readonly now: () => Date;

    constructor(private readonly options: AgentDeskOptions) {
        this.store = new DeskStore(options.storage, deskKey, deskDocumentSchema);
        this.agentIds = new Set(options.agentIds);
        this.now = options.now ?? (() => new Date());
        this.maxChats = options.maxChats ?? 1;
        this.box = new LeftMessageBox(options.storage, this.now);
    }

    /** Whether a customer is going: out of the queue, or out of a live chat. */
    private isLeaving(text: string, summary: CaseSummary): boolean {
        return ['cancel', 'goodbye'].includes(this.options.intentOf(text, summary.language ?? sourceLanguage));
    }

    /** What the customer of a case reads: the texts of the language they spoke to the bot. */
    private forCustomer(summary: CaseSummary): Replies {
        return this.options.customerReplies?.[summary.language ?? sourceLanguage] ?? this.options.replies;
    }

    /** Live chat is possible only when someone is listed as an agent. */
    get hasAgents(): boolean {
        return this.agentIds.size > 0;
    }

    /** The agent's key when this turn verifiably comes from a listed agent; never from what the activity merely claims. */
    agentOf(context: TurnContext): string | undefined {
        if (!this.hasAgents) return undefined;
        const key = verifiedIdentityKey(context);
        return key && this.agentIds.has(key) ? key : undefined;
    }

    read(): Promise<DeskDocument> {
        return this.store.read();
    }

    /** The desk at a glance, for /metrics: customers by state, and listed agents the bot has heard from by status. */
    async occupancy(): Promise<DeskOccupancy> {
        const desk = await this.store.read();
        const known = Object.keys(desk.agents).filter((id) => this.agentIds.has(id));
        const inChat = new Set(desk.connections.map((c) => c.agentId));
        return {
            waiting: desk.waiting.filter((w) => w.state === 'waiting').length,
            leavingMessage: desk.waiting.filter((w) => w.state === 'leavingMessage').length,
            inChat: known.filter((id) => inChat.has(id)).length,
            available: known.filter((id) => !inChat.has(id) && !desk.away.includes(id)).length,
            away: known.filter((id) => !inChat.has(id) && desk.away.includes(id)).length
        };
    }

    leftMessages(): Promise<LeftMessage[]> {
        return this.box.all();
    }

    /** Called by the handoff dialog: queue the customer, or ask them to leave a message. */
    async requestHuman(context: TurnContext, summary: CaseSummary): Promise<void> {
        const { replies } = this.options;
        const said = this.forCustomer(summary);
        const customer = TurnContext.getConversationReference(context.activity);
        const now = this.now();
        const hoursOpen = this.hasAgents && (!this.options.hours || isOpen(this.options.hours, now));
        // Queued only when an agent is on duty: otherwise "an agent usually joins within a few
        // minutes" would be untrue, and the person is asked for a message at once instead.
        const { position, open } = await this.store.update((desk) => {
            const open = hoursOpen && this.onDuty(desk);
            desk.waiting = desk.waiting.filter((w) => conversationOf(w.customer) !== customer.conversation?.id);
            const entry: WaitingCustomer = { caseId: summary.caseId, customer, summary, since: now.toISOString(), toldPosition: 0, state: open ? 'waiting' : 'leavingMessage' };
            desk.waiting.push(entry);
            entry.toldPosition = open ? positionOf(desk, entry) : 0;
            return { position: entry.toldPosition, open };
        });
        // A transfer is announced only when someone can take it, and the summary only when it holds tries.
        const tried = summary.steps.length > 0;
        if (!open) {
            const closed = this.hasAgents && !hoursOpen && this.options.hours;
            const nobody = closed ? fillTemplate(said.handoff.offerMessageClosed, { hours: this.options.hours!.text }) : said.handoff.nobodyOnDuty;
            await context.sendActivity([nobody, tried && said.handoff.triedAttached].filter(Boolean).join(' '));
            return;
        }
        await context.sendActivity([said.handoffStarted, tried && said.handoffTriedNote].filter(Boolean).join(' '));
        await context.sendActivity(fillTemplate(said.handoff.queued, { position }));
        const desk = await this.store.read();
        const notice = caseCard(
            replies,
            fillTemplate(replies.handoff.agentNewCustomer, { summary: problemOf(replies, summary), case: caseLabel(summary.caseId) }),
            summary,
            [acceptButton(replies, summary.caseId)],
            { customerName: customerName(customer), waitingSince: now.toISOString(), now }
        );
        await this.deliver(context, this.freeAgents(desk).map((to) => ({ to, activity: MessageFactory.attachment(notice) })));
    }

    /** Whether any listed agent has written to the bot and has not said they are away. */
    private onDuty(desk: DeskDocument): boolean {
        return Object.keys(desk.agents).some((id) => this.agentIds.has(id) && !desk.away.includes(id));
    }

    /** Where to reach the agents who can take a customer now: listed, heard from, available and under their chat limit. */
    private freeAgents(desk: DeskDocument): Partial<ConversationReference>[] {
        return Object.entries(desk.agents)
            .filter(([id]) => this.agentIds.has(id) && chatsOf(desk, id).length < this.maxChats && !desk.away.includes(id))
            .map(([, to]) => to);
    }

    /** A customer's message: relayed to their agent, or handled in the queue. False lets the bot answer. */
    async handleCustomerTurn(context: TurnContext): Promise<boolean> {
        const { replies } = this.options;
        const conversationId = context.activity.conversation.id;
        const text = (context.activity.text ?? '').trim();
        const desk = await this.store.read();
        const connection = desk.connections.find((c) => conversationOf(c.customer) === conversationId);
        if (connection) {
            const said = this.forCustomer(connection.summary);
            const endButton = [said, replies].map((r) => r.handoff.customerEndChatButton.toLowerCase());
            const leaving = endButton.includes(text.toLowerCase()) || (text !== '' && this.isLeaving(text, connection.summary));
            // An agent with several chats reads whose words these are.
            const several = chatsOf(desk, connection.agentId).length > 1 ? caseLabel(connection.caseId) : undefined;
            const relayed = await this.relay(context, connection.agent, replies.handoff.customerAttachmentNotShown, said, undefined, several);
            if (leaving) await this.customerLeaves(context, connection.caseId);
            else if (relayed) await this.touch(connection.caseId, { text });
            return true;
        }
        const entry = desk.waiting.find((w) => conversationOf(w.customer) === conversationId);
        if (!entry) return false;
        if (entry.state === 'messageLeft') return this.addToMessage(context, entry, text);

        const said = this.forCustomer(entry.summary);
        if (this.isLeaving(text, entry.summary)) {
            const outgoing = await this.store.update((d) => {
                const leaving = d.waiting.find((w) => conversationOf(w.customer) === conversationId);
                d.waiting = d.waiting.filter((w) => w !== leaving);
                const told = fillTemplate(replies.handoff.agentCustomerLeft, { case: caseLabel(leaving?.caseId ?? '') });
                return [...this.positionUpdates(d), ...this.freeAgents(d).map((to) => ({ to, activity: told }))];
            });
            await context.sendActivity(said.handoff.leftQueue);
            await this.deliver(context, outgoing);
            return true;
        }
        if (entry.state === 'leavingMessage') {
            // The message is kept before the customer's state changes: a failure in between means
            // their next message is kept too, never that this one is lost.
            await this.box.keep(entry, text);
            const agents = await this.store.update((d) => {
                const found = d.waiting.find((w) => w.caseId === entry.caseId);
                if (found) Object.assign(found, { state: 'messageLeft', since: this.now().toISOString() });
                return this.freeAgents(d);
            });
            await context.sendActivity(said.handoff.messageLeft);
            const [left] = (await this.box.open()).filter((m) => m.caseId === entry.caseId);
            const notice = left && MessageFactory.attachment(messagesCard(replies, [left], replies.handoff.agentMessageLeftHeading));
            if (notice) await this.deliver(context, agents.map((to) => ({ to, activity: notice })));
            return true;
        }
        const reply = await this.store.update((d) => {
            const entry = d.waiting.find((w) => conversationOf(w.customer) === conversationId);
            if (!entry) return said.handoff.leftQueue;
            entry.summary.messages.push(text);
            return fillTemplate(said.handoff.stillWaiting, { position: positionOf(d, entry) });
        });
        await context.sendActivity(reply);
        return true;
    }

    /** What a customer types after leaving a message goes with it, until they say they are done. */
    private async addToMessage(context: TurnContext, entry: WaitingCustomer, text: string): Promise<boolean> {
        const said = this.forCustomer(entry.summary);
        // "thanks" closes a left message too: after a message, it is what people say when they are done.
        if (this.isLeaving(text, entry.summary) || this.options.intentOf(text, entry.summary.language ?? sourceLanguage) === 'thanks') {
            await this.store.update((d) => {
                d.waiting = d.waiting.filter((w) => w.caseId !== entry.caseId);
            });
            await context.sendActivity(said.handoff.messageClosed);
            return true;
        }
        if (!text) return true;
        await this.box.keep(entry, text);
        await this.store.update((d) => {
            const found = d.waiting.find((w) => w.caseId === entry.caseId);
            if (found) found.since = this.now().toISOString();
        });
        await context.sendActivity(said.handoff.messageAdded);
        return true;
    }

    /** An agent's message: a desk command, or words for the customer they are connected to. */
    async handleAgentTurn(context: TurnContext, agentId: string): Promise<void> {
        const { replies } = this.options;
        const agent = TurnContext.getConversationReference(context.activity);
        const text = (context.activity.text ?? '').trim();
        const parsed = parseCommand(text);
        // Where this agent is reached from now on: only ever from a turn verified as theirs.
        const { desk, firstContact } = await this.store.update((d) => {
            const first = !(agentId in d.agents);
            d.agents[agentId] = agent;
            if (parsed?.name === 'available' || parsed?.name === 'accept') d.away = d.away.filter((id) => id !== agentId);
            if (parsed?.name === 'away') d.away = [...new Set([...d.away, agentId])];
            return { desk: d, firstContact: first };
        });
        // Agents cannot be notified before the bot has heard from them; the first time it does,
        // they learn who is already waiting, whatever they typed.
        if (firstContact && parsed?.name !== 'queue' && inQueue(desk).length) {
            await context.sendActivity(MessageFactory.attachment(queueCard(replies, inQueue(desk), this.now())));
        }
        const connection = currentChat(desk, agentId);
        // "to Munich" in a chat is words for the customer; "to K3F9QZ" names a case on the desk.
        const onDesk = (named: string) => [...desk.waiting, ...desk.connections].some((c) => namesCase(named, c.caseId));
        const command = parsed?.name === 'to' && connection && !onDesk(parsed.case) ? undefined : parsed;

        if (!command) {
            if (connection) {
                const name = agentNameOf(agentId, context.activity.from.name);
                const said = this.forCustomer(connection.summary);
                const relayed = await this.relay(context, connection.customer, said.handoff.agentAttachmentNotShown, said, name);
                return relayed ? this.touch(connection.caseId, { agent: name, text }) : undefined;
            }
            await context.sendActivity({ text: replies.handoff.agentNotConnected, attachments: [helpCard(replies, this.options.desk)] });
            return;
        }
        switch (command.name) {
            case 'help':
                await context.sendActivity(MessageFactory.attachment(helpCard(replies, this.options.desk)));
                return;
            case 'available':
                await context.sendActivity(replies.handoff.agentAvailable);
                return;
            case 'away':
                await context.sendActivity(replies.handoff.agentAway);
                return;
            case 'queue':
                await context.sendActivity(
                    inQueue(desk).length ? MessageFactory.attachment(queueCard(replies, inQueue(desk), this.now())) : replies.handoff.agentQueueEmpty
                );
                return;
            case 'messages': {
                const messages = await this.box.open();
                const card = messages.length && MessageFactory.attachment(messagesCard(replies, messages, replies.handoff.agentMessagesHeading));
                await context.sendActivity(card || replies.handoff.agentMessagesEmpty);
                return;
            }
            case 'reply':
            case 'done': {
                const message = await this.box.find(command.case);
                // "reply soon" from an agent in a live chat is words for the customer, not a command.
                if (!message && connection) return this.deliver(context, [{ to: connection.customer, activity: text }]);
                if (!message) return void (await context.sendActivity(fillTemplate(replies.handoff.agentNoSuchMessage, { case: command.case.toUpperCase() })));
                if (command.name === 'reply') return this.replyToMessage(context, message, agentNameOf(agentId, context.activity.from.name), command.text);
                const label = await this.box.markDone(command.case, agentNameOf(agentId, context.activity.from.name));
                await context.sendActivity(fillTemplate(replies.handoff.agentMessageDone, { case: label ?? command.case.toUpperCase() }));
                return;
            }
            case 'accept':
                return this.accept(context, agentId, command.case, agent);
            case 'end':
                return this.end(context, agentId, command.disposition, command.case);
            case 'to':
                return this.switchTo(context, agentId, command.case);
            case 'canned':
                return this.sendCanned(context, agentId, connection, command.id);
            case 'note':
                return this.note(context, agentId, connection, command.text);
            case 'transfer':
                return this.transfer(context, agentId, desk, connection, command.to);
        }
    }

    private async accept(context: TurnContext, agentId: string, named: string | undefined, agent: Partial<ConversationReference>): Promise<void> {
        const { replies } = this.options;
        const agentName = agentNameOf(agentId, context.activity.from.name);
        // One read-change-write with the document's eTag: when two agents accept one case at once,
        // the slower write is retried on fresh data, finds the case taken, and says by whom.
        const result = await this.store.update((d): AcceptOutcome => {
            if (chatsOf(d, agentId).length >= this.maxChats) return { kind: 'busy' };
            const index = d.waiting.findIndex((w) => w.state !== 'messageLeft' && (named === undefined || namesCase(named, w.caseId)));
            const entry = d.waiting[index];
            if (!entry) {
                if (named === undefined) return { kind: 'empty' };
                const taken = d.connections.find((c) => namesCase(named, c.caseId));
                return taken ? { kind: 'taken', by: taken.agentName ?? agentNameOf(taken.agentId, undefined) } : { kind: 'notWaiting' };
            }
            d.waiting.splice(index, 1);
            const { caseId, customer, summary } = entry;
            const connection: Connection = { caseId, customer, agentId, agentName, agent, summary, since: this.now().toISOString(), said: [], notes: [] };
            d.connections.push(connection);
            makeCurrent(d, agentId, caseId);
            return { kind: 'connected', connection, updates: this.positionUpdates(d), waitingSince: entry.since };
        });
        const label = named === undefined ? '' : named.replace(/^#/, '').toUpperCase();
        switch (result.kind) {
            case 'busy':
                return void (await context.sendActivity(replies.handoff.agentAlreadyConnected));
            case 'empty':
                return void (await context.sendActivity(replies.handoff.agentQueueEmpty));
            case 'taken':
                return void (await context.sendActivity(fillTemplate(replies.handoff.agentCaseTaken, { case: label, agent: result.by })));
            case 'notWaiting':
                return void (await context.sendActivity(fillTemplate(replies.handoff.agentCaseNotWaiting, { case: label })));
        }
        const { connection } = result;
        await context.sendActivity({
            text: fillTemplate(replies.handoff.agentConnected, { case: caseLabel(connection.caseId) }),
            attachments: [
                caseCard(
                    replies,
                    fillTemplate(replies.handoff.agentCard.title, { case: caseLabel(connection.caseId), problem: problemOf(replies, connection.summary) }),
                    connection.summary,
                    [endButton(replies, this.options.desk)],
                    { customerName: customerName(connection.customer), waitingSince: result.waitingSince, now: this.now() }
                )
            ]
        });
        const said = this.forCustomer(connection.summary);
        const joinedText = fillTemplate(said.handoff.agentJoined, { agent: agentName });
        const joined = MessageFactory.suggestedActions([said.handoff.customerEndChatButton], joinedText);
        await this.deliver(context, [
            { to: connection.customer, activity: joined },
            ...result.updates
        ]);
    }

    /** `to <case>`: the agent's words go to that chat of theirs from now on. */
    private async switchTo(context: TurnContext, agentId: string, named: string): Promise<void> {
        const { replies } = this.options;
        const switched = await this.store.update((d) => {
            const target = chatsOf(d, agentId).find((c) => namesCase(named, c.caseId));
            if (target) makeCurrent(d, agentId, target.caseId);
            return target;
        });
        const label = switched ? caseLabel(switched.caseId) : named.replace(/^#/, '').toUpperCase();
        await context.sendActivity(fillTemplate(switched ? replies.handoff.agentSwitched : replies.handoff.agentNotYourChat, { case: label }));
    }

    /** Sends a canned response (knowledge/desk.yaml) to the customer, as the agent's own words. */
    private async sendCanned(context: TurnContext, agentId: string, chat: Connection | undefined, id: string | undefined): Promise<void> {
        const { replies, desk } = this.options;
        const response = id === undefined ? undefined : cannedNamed(desk, id);
        if (!response) {
            const list = fillTemplate(replies.handoff.agentNoSuchCanned, { typed: id ?? '', ids: cannedIds(desk) });
            return void (await context.sendActivity(id === undefined ? cannedList(replies, desk) : list));
        }
        if (!chat) return void (await context.sendActivity(replies.handoff.agentNotConnected));
        const name = agentNameOf(agentId, context.activity.from.name);
        const words = fillTemplate(this.forCustomer(chat.summary).handoff.agentSays, { agent: name, text: response.text });
        await this.deliver(context, [{ to: chat.customer, activity: words, fromName: name }]);
        await this.touch(chat.caseId, { agent: name, text: response.text });
    }

    /** Keeps an internal note on the agent's current case; nothing reaches the customer. */
    private async note(context: TurnContext, agentId: string, chat: Connection | undefined, text: string): Promise<void> {
        const { replies } = this.options;
        if (!chat) return void (await context.sendActivity(replies.handoff.agentNotConnected));
        const note = { agent: agentNameOf(agentId, context.activity.from.name), text: text.slice(0, maxNoteLength), at: this.now().toISOString() };
        const kept = await this.store.update((d) => {
            const connection = d.connections.find((c) => c.caseId === chat.caseId && c.agentId === agentId);
            connection?.notes.push(note);
            return connection !== undefined;
        });
        await context.sendActivity(kept ? fillTemplate(replies.handoff.agentNoteKept, { case: caseLabel(chat.caseId) }) : replies.handoff.agentNotConnected);
    }

    /** Hands the agent's live chat to the agent they name, with the case card and what was said so far. */
    private async transfer(context: TurnContext, agentId: string, desk: DeskDocument, chat: Connection | undefined, named: string | undefined): Promise<void> {
        const { replies } = this.options;
        const h = replies.handoff;
        if (!chat) return void (await context.sendActivity(h.agentNotConnected));
        if (named === undefined) {
            const free = agentsFree(desk, this.agentIds, this.maxChats, agentId);
            return void (await context.sendActivity(fillTemplate(h.agentTransferWho, { agents: agentList(replies, free) })));
        }
        const fromName = agentNameOf(agentId, context.activity.from.name);
        const at = this.now().toISOString();
        const request = { from: agentId, fromName, named, chat, listed: this.agentIds, maxChats: this.maxChats, at };
        const result = await this.store.update((d) => transferChat(d, request));
        if (result.kind !== 'transferred') return void (await context.sendActivity(transferRefusal(replies, result, named)));
        const { connection } = result;
        const label = caseLabel(connection.caseId);
        const newAgent = connection.agentName ?? agentNameOf(connection.agentId, undefined);
        await context.sendActivity(fillTemplate(h.agentTransferred, { case: label, agent: newAgent }));
        const card = caseCard(
            replies,
            fillTemplate(h.agentCard.title, { case: label, problem: problemOf(replies, connection.summary) }),
            connection.summary,
            [endButton(replies, this.options.desk)],
            { customerName: customerName(connection.customer), now: this.now(), said: connection.said, notes: connection.notes }
        );
        const said = this.forCustomer(connection.summary).handoff;
        const told = MessageFactory.suggestedActions([said.customerEndChatButton], fillTemplate(said.customerTransferred, { agent: newAgent }));
        await this.deliver(context, [
            { to: connection.agent, activity: { type: 'message', text: fillTemplate(h.agentTransferReceived, { agent: result.from, case: label }), attachments: [card] } },
            { to: connection.customer, activity: told }
        ]);
    }

    /** Sends an agent's answer to a left message into the customer's chat, or says honestly that it could not. */
    private async replyToMessage(context: TurnContext, message: LeftMessage, agent: string, text: string): Promise<void> {
        const { replies } = this.options;
        const label = caseLabel(message.caseId);
        // The turn's middleware answers a failed send with its own error handling, so the send is
        // known to have worked only when the line after it ran.
        let delivered = false;
        try {
            await this.onCustomer(message.customer, async (c) => {
                await c.sendActivity(fillTemplate(this.forCustomer(message.summary).handoff.customerMessageAnswered, { agent, text }));
                delivered = true;
            });
        } catch (err) {
            this.options.log.warn({ err, caseId: message.caseId }, 'could not deliver an answer to a left message');
        }
        await this.box.recordAnswer(message.caseId, { agent, text, delivered });
        await context.sendActivity(fillTemplate(delivered ? replies.handoff.agentReplySent : replies.handoff.agentReplyNotDelivered, { case: label }));
    }

    /**
     * `end <disposition>` ends the chat and records how it ended; a bare `end` ends it and asks.
     * For a chat that has already ended (the customer left, it went silent, or a bare `end`),
     * `end <disposition> <case>` records how it ended; without the case, the latest such chat.
     * Every ended chat waits for its own disposition, whatever the agent does meanwhile.
     */
    private async end(context: TurnContext, agentId: string, typed: string | undefined, named?: string): Promise<void> {
        const { replies, desk } = this.options;
        const disposition = typed === undefined ? undefined : dispositionNamed(desk, typed);
        if (typed !== undefined && !disposition) {
            const unknown = fillTemplate(replies.handoff.agentUnknownDisposition, { typed: typed.slice(0, 40), dispositions: dispositionIds(desk) });
            return void (await context.sendActivity(unknown));
        }
        const { ended, wrapUp } = await this.store.update((d) => {
            const owed = d.wrapUp[agentId] ?? [];
            const earlier = disposition && (named ? owed.find((caseId) => namesCase(named, caseId)) : !currentChat(d, agentId) ? owed.at(-1) : undefined);
            if (earlier) {
                d.wrapUp[agentId] = owed.filter((caseId) => caseId !== earlier);
                return { ended: undefined, wrapUp: earlier };
            }
            const connection = named ? undefined : currentChat(d, agentId);
            d.connections = d.connections.filter((c) => c !== connection);
            if (connection && !disposition) d.wrapUp[agentId] = [...owed, connection.caseId];
            return { ended: connection, wrapUp: undefined };
        });
        const caseId = ended?.caseId ?? wrapUp;
        if (disposition && caseId) await recordDisposition(this.options.feedback, caseId, agentId, disposition, this.now());
        if (!ended) {
            if (!disposition || !caseId) return void (await context.sendActivity(replies.handoff.agentNotConnected));
            const recorded = fillTemplate(replies.handoff.agentDispositionRecorded, { case: caseLabel(caseId), disposition: disposition.label });
            return void (await context.sendActivity(recorded));
        }
        if (disposition) await context.sendActivity(fillTemplate(replies.handoff.agentEndedAs, { disposition: disposition.label }));
        else await this.askDisposition(context, ended.caseId, replies.handoff.agentEnded);
        await this.onCustomer(ended.customer, async (customerContext) => {
            await customerContext.sendActivity(this.forCustomer(ended.summary).handoff.chatEnded);
            await this.options.onChatEnded(customerContext, ended.caseId);
        });
    }

    /** After a chat ended without a disposition: the buttons to give one. */
    private async askDisposition(context: TurnContext | undefined, caseId: string, before: string, to?: Partial<ConversationReference>): Promise<void> {
        const { replies, desk } = this.options;
        const question = fillTemplate(replies.handoff.agentEndedAskDisposition, { case: caseLabel(caseId), dispositions: dispositionIds(desk) });
        const activity = { type: 'message', text: before, attachments: [dispositionCard(replies, desk, question, caseId)] };
        if (to) await this.deliver(context, [{ to, activity }]);
        else await context?.sendActivity(activity);
    }

    /**
     * Passes a message on in a live chat: its words (after the agent's name, when an agent
     * writes) and inline pictures. An attachment that cannot be passed on is announced to both
     * sides. Returns whether anything was passed on.
     */
    private async relay(
        context: TurnContext,
        to: Partial<ConversationReference>,
        notShown: string,
        customer: Replies,
        agentName?: string,
        caseTag?: string
    ): Promise<boolean> {
        const { replies } = this.options;
        const { text, attachments, dropped } = relayedMessage(context.activity);
        const said = text && caseTag ? fillTemplate(replies.handoff.customerSaysInCase, { case: caseTag, text }) : text;
        const words = text && agentName ? fillTemplate(customer.handoff.agentSays, { agent: agentName, text }) : said;
        const outgoing: Outgoing[] = [];
        if (words || attachments.length) outgoing.push({ to, activity: { type: 'message', text: words || undefined, attachments }, fromName: agentName });
        if (dropped) outgoing.push({ to, activity: notShown });
        await this.deliver(context, outgoing);
        // Told to whoever sent it: the agent reads the source language, the customer their own.
        if (dropped) await context.sendActivity((agentName ? replies : customer).handoff.attachmentNotPassedOn);
        return outgoing.length > 0;
    }

    /** Typing in a live chat is shown on the other side; false when this conversation is in no live chat. */
    async relayTyping(context: TurnContext, agentId: string | undefined): Promise<boolean> {
        const conversationId = context.activity.conversation.id;
        const desk = await this.store.read();
        const connection = agentId ? currentChat(desk, agentId) : desk.connections.find((c) => conversationOf(c.customer) === conversationId);
        if (!connection) return agentId !== undefined;
        await this.deliver(context, [{ to: agentId ? connection.customer : connection.agent, activity: { type: 'typing' } }]);
        return true;
    }

    /** The customer ends a live chat: the agent is told, and the bot takes over again. */
    private async customerLeaves(context: TurnContext, caseId: string): Promise<void> {
        const { replies } = this.options;
        const ended = await this.store.update((d) => {
            const connection = d.connections.find((c) => c.caseId === caseId);
            d.connections = d.connections.filter((c) => c !== connection);
            if (connection) d.wrapUp[connection.agentId] = [...(d.wrapUp[connection.agentId] ?? []), caseId];
            return connection;
        });
        if (!ended) return;
        await this.askDisposition(context, caseId, fillTemplate(replies.handoff.agentCustomerLeftChat, { case: caseLabel(caseId) }), ended.agent);
        await context.sendActivity(this.forCustomer(ended.summary).handoff.customerLeftChat);
        await this.options.onChatEnded(context, caseId);
    }

    /** Records that someone wrote in a live chat, for the idle timeout, and what they said, for a transfer. */
    private async touch(caseId: string, said: { agent?: string; text: string }): Promise<void> {
        const at = this.now().toISOString();
        await this.store.update((d) => {
            const connection = d.connections.find((c) => c.caseId === caseId);
            if (!connection) return;
            connection.lastMessageAt = at;
            keepSaid(connection, { ...said, at });
        });
    }

    /**
     * Customers who waited longer than HANDOFF_TIMEOUT_MINUTES are offered to leave a message;
     * live chats silent for HANDOFF_IDLE_MINUTES are closed, so an agent who walked away does not
     * strand the customer. Returns how many people were told.
     */
    async checkTimeouts(): Promise<number> {
        const { replies, timeoutMinutes, idleMinutes } = this.options;
        const now = this.now().getTime();
        const deadline = now - timeoutMinutes * 60_000;
        const idleSince = now - idleMinutes * 60_000;
        const { timedOut, idle } = await this.store.update((d) => {
            const late = d.waiting.filter((w) => w.state === 'waiting' && Date.parse(w.since) <= deadline);
            late.forEach((w) => (w.state = 'leavingMessage'));
            const silent = d.connections.filter((c) => Date.parse(c.lastMessageAt ?? c.since) <= idleSince);
            // After leaving a message, a customer silent this long is done adding to it.
            d.waiting = d.waiting.filter((w) => w.state !== 'messageLeft' || Date.parse(w.since) > idleSince);
            d.connections = d.connections.filter((c) => !silent.includes(c));
            for (const c of silent) d.wrapUp[c.agentId] = [...(d.wrapUp[c.agentId] ?? []), c.caseId];
            const told = late.map((w) => ({ to: w.customer, activity: this.forCustomer(w.summary).handoff.offerMessageTimeout }));
            return { timedOut: late.length ? [...told, ...this.positionUpdates(d)] : [], idle: silent };
        });
        await this.deliver(undefined, timedOut);
        const alerted = await this.alertLateCases(now);
        const minutes = String(idleMinutes);
        for (const chat of idle) {
            const label = caseLabel(chat.caseId);
            await this.askDisposition(undefined, chat.caseId, fillTemplate(replies.handoff.agentChatIdleClosed, { case: label, minutes }), chat.agent);
            await this.onCustomer(chat.customer, async (customerContext) => {
                await customerContext.sendActivity(fillTemplate(this.forCustomer(chat.summary).handoff.chatIdleClosed, { minutes }));
                await this.options.onChatEnded(customerContext, chat.caseId);
            }).catch((err: unknown) => this.options.log.warn({ err, caseId: chat.caseId }, 'could not tell the customer their idle chat was closed'));
        }
        return timedOut.length + idle.length + alerted;
    }

    /** Alerts agents on duty to customers waiting past HANDOFF_SLA_MINUTES (slaAlerts.ts); returns how many alerts were sent. */
    private async alertLateCases(now: number): Promise<number> {
        const { replies, slaMinutes } = this.options;
        if (slaMinutes === undefined) return 0;
        const { late, agents } = await this.store.update((d) => ({ late: takeLateCases(d, now, slaMinutes), agents: agentsOnDuty(d, this.agentIds) }));
        const outgoing = late.flatMap((w) => {
            const wait = String(Math.floor((now - Date.parse(w.since)) / 60_000));
            const text = fillTemplate(replies.handoff.agentSlaAlert, { case: caseLabel(w.caseId), minutes: wait, summary: problemOf(replies, w.summary) });
            return agents.map((to) => ({ to, activity: MessageFactory.attachment(alertCard(replies, text, w.caseId)) }));
        });
        await this.deliver(undefined, outgoing);
        return outgoing.length;
    }

    start(): void {
        const shortest = Math.min(this.options.timeoutMinutes, this.options.idleMinutes, this.options.slaMinutes ?? Infinity);
        const everyMs = Math.min(30_000, Math.max(1_000, (shortest * 60_000) / 4));
        this.timer = setInterval(() => {
            this.checkTimeouts().catch((err: unknown) => this.options.log.error({ err }, 'handoff timeout check failed'));
        }, everyMs);
        this.timer.unref();
    }

    stop(): void {
        if (this.timer) clearInterval(this.timer);
    }

    /** Tells waiting customers whose place moved; records what they were told. */
    private positionUpdates(desk: DeskDocument): Outgoing[] {
        return desk.waiting.flatMap((w) => {
            if (w.state !== 'waiting') return [];
            const position = positionOf(desk, w);
            if (position === w.toldPosition) return [];
            w.toldPosition = position;
            return [{ to: w.customer, activity: fillTemplate(this.forCustomer(w.summary).handoff.positionChanged, { position }) }];
        });
    }

    /** Sends each message: as a reply when it is for this turn's conversation, otherwise proactively. */
    private async deliver(context: TurnContext | undefined, outgoing: Outgoing[]): Promise<void> {
        for (const { to, activity, fromName } of outgoing) {
            try {
                if (context && conversationOf(to) === context.activity.conversation.id) await context.sendActivity(activity);
                else {
                    await this.onCustomer(to, async (c) => {
                        // Sending fills `from` with the bot; the agent's name goes on after that.
                        if (fromName) c.onSendActivities((_, activities, next) => (activities.forEach((a) => (a.from = { id: a.from?.id ?? '', ...a.from, name: fromName })), next()));
                        await c.sendActivity(activity);
                    });
                }
            } catch (err) {
                this.options.log.warn({ err, conversationId: conversationOf(to) }, 'could not deliver a handoff message');
            }
        }
    }

    private onCustomer(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<void>): Promise<void> {
        return this.options.adapter.continueConversationAsync(this.options.appId, reference, work);
    }
}

/** Customers an agent can take: waiting, or asked to leave a message and not yet done so. */
function inQueue(desk: DeskDocument): WaitingCustomer[] {
    return desk.waiting.filter((w) => w.state !== 'messageLeft');
}

/** A note is for the next agent to read at a glance; a longer one is cut. */
const maxNoteLength = 1000;

/** 1-based place among those still waiting for an agent (not those leaving a message). */
function positionOf(desk: DeskDocument, entry: WaitingCustomer): number {
    return desk.waiting.filter((w) => w.state === 'waiting').indexOf(entry) + 1;
}
