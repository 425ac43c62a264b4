// What an agent sees: the case summary as a card, the queue with an Accept button per
// customer, and the commands as buttons. Buttons post the command text, as typing it would.
//
// What a customer wrote (their messages, and the summary line that quotes the first one) goes
// into a RichTextBlock's TextRun, whose text the Adaptive Cards schema never reads as markdown:
// a customer's `[click](https://evil.example)`, emphasis, lists, headings or HTML reach the agent
// as the characters typed, never as a link. TextBlocks and facts, which are read as markdown,
// hold only the bot's own words and identifiers reduced to letters, digits and hyphens.
import { CardFactory, type Attachment } from 'botbuilder';
import { cardSpeech } from '../../dialogs/cardSpeech';
import { summaryLine, type CaseSummary } from '../../dialogs/caseSummary';
import type { Replies } from '../../knowledge/schema';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { caseLabel } from './caseLabel';
import type { LeftMessage, WaitingCustomer } from './deskDocument';

const commandButton = (title: string, command: string) => ({ type: 'Action.Submit', title, data: { answer: command, msteams: { type: 'imBack', value: command } } });

/** A card with a `speak` that reads it as it looks (see cardSpeech.ts). */
function card(body: object[], actions: object[] = []): Attachment {
    const speak = cardSpeech(body, actions);
    return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', speak, body, actions });
}

/** Text as typed, not markdown: a RichTextBlock with one TextRun (styled by `run`). */
function typed(text: string, run: object = {}): object {
    return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...run }] };
}

/** A channel id as a fact: Bot Framework's are letters, digits and hyphens; a client may send anything. */
const channelFact = (channel: string) => channel.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) || '?';

const minutesSince = (iso: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));

/** The facts of a case, for the agent: symptom, answers, every step and outcome, the person's words. */
export function caseFacts(replies: Replies, summary: CaseSummary): object[] {
    const label = replies.handoff.agentCard;
    const facts = [
        { title: label.case, value: caseLabel(summary.caseId) },
        { title: label.problem, value: summary.symptomTitle },
        { title: label.channel, value: channelFact(summary.channel) },
        { title: label.reason, value: summary.reason },
        ...summary.answers.map((a) => ({ title: a.question, value: a.answer })),
        ...summary.steps.map((s, i) => ({ title: fillTemplate(label.step, { number: i + 1 }), value: `${s.title}: ${s.outcome}` })),
        { title: label.confidence, value: summary.confidence.map((c) => `${c.intent} ${c.score}`).join(', ') || label.noConfidence }
    ];
    return [
        { type: 'FactSet', facts },
        { type: 'TextBlock', text: label.whatTheyWrote, weight: 'Bolder', wrap: true },
        ...summary.messages.map((m) => typed(`"${m}"`, { isSubtle: true }))
    ];
}

export function caseCard(replies: Replies, title: string, summary: CaseSummary, actions: object[] = []): Attachment {
    // The title may be the summary line, which quotes the customer.
    return card([typed(title, { weight: 'Bolder', size: 'Medium' }), ...caseFacts(replies, summary)], actions);
}

export function queueCard(replies: Replies, waiting: WaitingCustomer[], now: Date): Attachment {
    const rows = waiting.flatMap((w, i) => [
        {
            type: 'TextBlock',
            text: [
                `${caseLabel(w.caseId)} · ${w.summary.symptomTitle} · ${minutesSince(w.since, now)} min`,
                w.state === 'leavingMessage' && replies.handoff.agentCard.leavingMessage
            ].filter(Boolean).join(' · '),
            weight: 'Bolder',
            wrap: true,
            separator: i > 0
        },
        typed(summaryLine(replies.handoff.agentCard, w.summary), { isSubtle: true })
    ]);
    return card(
        [{ type: 'TextBlock', text: replies.handoff.agentQueueHeading, weight: 'Bolder', size: 'Medium' }, ...rows],
        waiting.map((w) => acceptButton(replies, w.caseId))
    );
}

const utcTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Left messages as work items: the customer's words in order, the answers so far, and a Done button each. */
export function messagesCard(replies: Replies, messages: LeftMessage[], heading: string): Attachment {
    const label = replies.handoff.agentCard;
    return card(
        [
            { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Medium' },
            ...messages.flatMap((m, i) => [
                { type: 'TextBlock', text: `${caseLabel(m.caseId)} · ${m.summary.symptomTitle} · ${utcTime(m.at)}`, weight: 'Bolder', wrap: true, separator: i > 0 },
                typed(`"${m.message}"`),
                ...m.more.map((x) => typed(`"${x.text}" (${fillTemplate(label.addedLine, { time: utcTime(x.at) })})`)),
                ...m.answers.map((a) => typed(`${fillTemplate(label.answerLine, { agent: a.agent, text: a.text })}${a.delivered ? '' : ` ${label.notDelivered}`}`, { isSubtle: true })),
                typed(summaryLine(label, m.summary), { isSubtle: true })
            ])
        ],
        messages.map((m) => commandButton(fillTemplate(label.doneButton, { case: caseLabel(m.caseId) }), `done ${caseLabel(m.caseId)}`))
    );
}

export function helpCard(replies: Replies): Attachment {
    return card([{ type: 'TextBlock', text: replies.handoff.agentHelp, wrap: true }], [
        commandButton(replies.handoff.agentCard.queueButton, 'queue'),
        commandButton(replies.handoff.agentCard.acceptNextButton, 'accept'),
        commandButton(replies.handoff.agentCard.messagesButton, 'messages')
    ]);
}

export const endButton = (replies: Replies) => commandButton(replies.handoff.agentCard.endButton, 'end');
/** Accepts exactly this case, whatever its place in the queue by the time it is pressed. */
export const acceptButton = (replies: Replies, caseId: string) =>
    commandButton(fillTemplate(replies.handoff.agentCard.acceptButton, { case: caseLabel(caseId) }), `accept ${caseLabel(caseId)}`);
