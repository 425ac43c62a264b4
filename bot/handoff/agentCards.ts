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
import type { DeskData } from '../../knowledge/deskSchema';
import type { Replies } from '../../knowledge/schema';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { cannedList } from './cannedResponses';
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

const utcTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const minutesSince = (iso: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));

/** Where and when the agent meets the case: the customer's name from their channel, and since when they wait. */
export interface CaseCircumstances {
    customerName?: string;
    waitingSince?: string;
    now: Date;
    /** What was said in the live chat so far, when the card comes with a transfer. */
    said?: { agent?: string; text: string }[];
    /** Agents' internal notes on the case. */
    notes?: { agent: string; text: string }[];
}

/** The problem as the agent should read it: confirmed, only suspected, or unknown. */
export function problemOf(replies: Replies, summary: CaseSummary): string {
    return summary.symptom || !summary.suspected ? summary.symptomTitle : `${summary.suspected} ${replies.handoff.agentCard.notConfirmed}`;
}

/** The facts of a case, for the agent: who and since when, the problem, answers, steps and outcomes, and the conversation. */
export function caseFacts(replies: Replies, summary: CaseSummary, circumstances?: CaseCircumstances): object[] {
    const label = replies.handoff.agentCard;
    const locale = summary.locale?.replace(/[^A-Za-z0-9-]/g, '');
    // The language spoken, with the channel's locale beside it: "German (en-US)" tells the agent the
    // person wrote German from an English browser.
    const spoken = summary.language && label.languageNames[summary.language];
    const language = spoken ? (locale ? `${spoken} (${locale})` : spoken) : locale;
    const facts = [
        { title: label.case, value: caseLabel(summary.caseId) },
        { title: label.problem, value: problemOf(replies, summary) },
        language && { title: label.language, value: language },
        { title: label.opened, value: utcTime(summary.openedAt) },
        circumstances?.waitingSince && { title: label.waited, value: `${minutesSince(circumstances.waitingSince, circumstances.now)} min` },
        { title: label.channel, value: channelFact(summary.channel) },
        { title: label.reason, value: summary.reason },
        ...summary.answers.map((a) => ({ title: a.question, value: a.answer })),
        ...summary.steps.map((s, i) => ({ title: fillTemplate(label.step, { number: i + 1 }), value: `${s.title}: ${s.outcome}` }))
    ].filter(Boolean);
    const exchanges = summary.exchanges ?? summary.messages.map((said) => ({ said, asked: undefined }));
    return [
        ...(circumstances?.customerName ? [typed(`${label.customer}: ${circumstances.customerName}`)] : []),
        { type: 'FactSet', facts },
        { type: 'TextBlock', text: label.conversation, weight: 'Bolder', wrap: true },
        ...exchanges.flatMap((e) => [
            // The bot's question sits right above the reply it got, with the space before it.
            ...(e.asked ? [{ type: 'TextBlock', text: e.asked, isSubtle: true, wrap: true, spacing: 'Medium' }] : []),
            { ...typed(`"${e.said}"`), spacing: e.asked ? 'None' : 'Medium' }
        ])
    ];
}

/** `title` may quote the customer (the summary line): it is set as typed text, never markdown. */
export function caseCard(replies: Replies, title: string, summary: CaseSummary, actions: object[] = [], circumstances?: CaseCircumstances): Attachment {
    const label = replies.handoff.agentCard;
    const said = circumstances?.said?.length
        ? [{ type: 'TextBlock', text: label.saidHeading, weight: 'Bolder', wrap: true }, ...circumstances.said.map((l) => typed(`${l.agent ?? label.customer}: ${l.text}`))]
        : [];
    const notes = circumstances?.notes?.length
        ? [{ type: 'TextBlock', text: label.notesHeading, weight: 'Bolder', wrap: true }, ...circumstances.notes.map((n) => typed(`${n.agent}: ${n.text}`))]
        : [];
    return card([typed(title, { weight: 'Bolder', size: 'Medium' }), ...caseFacts(replies, summary, circumstances), ...notes, ...said], actions);
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

export function helpCard(replies: Replies, desk: DeskData): Attachment {
    const canned = desk.canned.length ? [{ type: 'TextBlock', text: cannedList(replies, desk), wrap: true }] : [];
    return card([{ type: 'TextBlock', text: replies.handoff.agentHelp, wrap: true }, ...canned], [
        commandButton(replies.handoff.agentCard.queueButton, 'queue'),
        commandButton(replies.handoff.agentCard.acceptNextButton, 'accept'),
        commandButton(replies.handoff.agentCard.messagesButton, 'messages')
    ]);
}

/**
 * The dispositions as buttons, each ending the chat as `end <id>` does, or, given the case of a
 * chat that has already ended, recording how that one ended (`end <id> <case>`).
 */
export const dispositionButtons = (replies: Replies, desk: DeskData, caseId?: string) =>
    desk.dispositions.map((d) =>
        commandButton(fillTemplate(replies.handoff.agentCard.endAsButton, { disposition: d.label }), caseId ? `end ${d.id} ${caseLabel(caseId)}` : `end ${d.id}`)
    );

/** End chat opens the dispositions, so a chat is ended by saying how it ended. */
export const endButton = (replies: Replies, desk: DeskData) => ({
    type: 'Action.ShowCard',
    title: replies.handoff.agentCard.endButton,
    card: {
        type: 'AdaptiveCard',
        body: [{ type: 'TextBlock', text: replies.handoff.agentCard.dispositionHeading, weight: 'Bolder', wrap: true }],
        actions: dispositionButtons(replies, desk)
    }
});

/** Asks how a chat that has ended went: the dispositions as buttons under the question. */
export function dispositionCard(replies: Replies, desk: DeskData, question: string, caseId: string): Attachment {
    return card([{ type: 'TextBlock', text: question, wrap: true }], dispositionButtons(replies, desk, caseId));
}
/** Accepts exactly this case, whatever its place in the queue by the time it is pressed. */
export const acceptButton = (replies: Replies, caseId: string) =>
    commandButton(fillTemplate(replies.handoff.agentCard.acceptButton, { case: caseLabel(caseId) }), `accept ${caseLabel(caseId)}`);

/** An alert that a case waits too long: what the alert says, and a button taking that case. */
export function alertCard(replies: Replies, text: string, caseId: string): Attachment {
    return card([{ type: 'TextBlock', text, wrap: true, weight: 'Bolder' }], [acceptButton(replies, caseId)]);
}
