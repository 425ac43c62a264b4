// What an agent sees: the case summary as a card, the queue with an Accept button per
// customer, and the commands as buttons. Buttons post the command text, as typing it would.
import { CardFactory, type Attachment } from 'botbuilder';
import { summaryLine, type CaseSummary } from '../../dialogs/caseSummary';
import type { Replies } from '../../knowledge/schema';
import type { LeftMessage, WaitingCustomer } from './deskDocument';

const commandButton = (title: string, command: string) => ({ type: 'Action.Submit', title, data: { answer: command, msteams: { type: 'imBack', value: command } } });

function card(body: object[], actions: object[] = []): Attachment {
    return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions });
}

const minutesSince = (iso: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));

/** The facts of a case, for the agent: symptom, answers, every step and outcome, the person's words. */
export function caseFacts(summary: CaseSummary): object[] {
    const facts = [
        { title: 'Problem', value: summary.symptomTitle },
        { title: 'Channel', value: summary.channel },
        { title: 'Why handed over', value: summary.reason },
        ...summary.answers.map((a) => ({ title: a.question, value: a.answer })),
        ...summary.steps.map((s, i) => ({ title: `Step ${i + 1}`, value: `${s.title}: ${s.outcome}` })),
        { title: 'Confidence', value: summary.confidence.map((c) => `${c.intent} ${c.score}`).join(', ') || 'none' }
    ];
    return [
        { type: 'FactSet', facts },
        { type: 'TextBlock', text: 'What they wrote', weight: 'Bolder', wrap: true },
        ...summary.messages.map((m) => ({ type: 'TextBlock', text: `"${m}"`, wrap: true, isSubtle: true }))
    ];
}

export function caseCard(title: string, summary: CaseSummary, actions: object[] = []): Attachment {
    return card([{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true }, ...caseFacts(summary)], actions);
}

export function queueCard(replies: Replies, waiting: WaitingCustomer[], now: Date): Attachment {
    const rows = waiting.flatMap((w, i) => [
        { type: 'TextBlock', text: `${i + 1}. ${w.summary.symptomTitle} · ${minutesSince(w.since, now)} min${w.state === 'leavingMessage' ? ' · leaving a message' : ''}`, weight: 'Bolder', wrap: true, separator: i > 0 },
        { type: 'TextBlock', text: summaryLine(w.summary), wrap: true, isSubtle: true }
    ]);
    return card(
        [{ type: 'TextBlock', text: replies.handoff.agentQueueHeading, weight: 'Bolder', size: 'Medium' }, ...rows],
        waiting.map((_, i) => commandButton(`Accept ${i + 1}`, `accept ${i + 1}`))
    );
}

export function messagesCard(replies: Replies, messages: LeftMessage[]): Attachment {
    return card([
        { type: 'TextBlock', text: replies.handoff.agentMessagesHeading, weight: 'Bolder', size: 'Medium' },
        ...messages.flatMap((m, i) => [
            { type: 'TextBlock', text: `${i + 1}. ${m.summary.symptomTitle} · ${m.at.slice(0, 16).replace('T', ' ')} UTC`, weight: 'Bolder', wrap: true, separator: i > 0 },
            { type: 'TextBlock', text: `"${m.message}"`, wrap: true },
            { type: 'TextBlock', text: summaryLine(m.summary), wrap: true, isSubtle: true }
        ])
    ]);
}

export function helpCard(replies: Replies): Attachment {
    return card([{ type: 'TextBlock', text: replies.handoff.agentHelp, wrap: true }], [
        commandButton('Queue', 'queue'),
        commandButton('Accept next', 'accept'),
        commandButton('Messages', 'messages')
    ]);
}

export const endButton = () => commandButton('End chat', 'end');
export const acceptButton = () => commandButton('Accept', 'accept');
