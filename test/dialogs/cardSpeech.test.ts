// Every Adaptive Card the bot sends carries a `speak` that reads as the card looks: Web Chat
// announces a card by its `speak`, so a card without one reaches a screen reader as its buttons only.
import { expect } from 'chai';
import type { Attachment } from 'botbuilder';
import { caseCard, helpCard, messagesCard, queueCard } from '../../bot/handoff/agentCards';
import type { LeftMessage, WaitingCustomer } from '../../bot/handoff/deskDocument';
import { choicesOf } from '../../dialogs/answerChoices';
import type { CaseSummary } from '../../dialogs/caseSummary';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { stepActivity } from '../../dialogs/stepCard';
import { loadKnowledge } from '../../knowledge/load';

const knowledge = loadKnowledge();
const { replies } = knowledge;

interface Card {
    speak?: string;
    body: { type: string; text?: string; inlines?: { text: string }[]; facts?: { title: string; value: string }[] }[];
    actions?: { title: string }[];
}

/** The texts a sighted person sees on the card, top to bottom, then the buttons. */
function shownTexts(card: Card): string[] {
    const body = card.body.flatMap((e) => (e.type === 'FactSet' ? (e.facts ?? []).flatMap((f) => [f.title, f.value]) : [e.text ?? (e.inlines ?? []).map((r) => r.text).join('')]));
    return [...body, ...(card.actions ?? []).map((a) => a.title)];
}

/** Asserts that `speak` holds every shown text, in the order shown. */
function expectReadsAsShown(card: Card, name: string) {
    expect(card.speak, `${name}: speak`).to.be.a('string').and.not.equal('');
    let from = 0;
    for (const text of shownTexts(card)) {
        const at = card.speak!.indexOf(text, from);
        expect(at, `${name}: "${text}" in order in "${card.speak}"`).to.be.at.least(0);
        from = at + text.length;
    }
}

const contentOf = (attachment: Attachment) => attachment.content as Card;

describe('card speech: every Adaptive Card reads as it looks', () => {
    const choices = choicesOf(replies.answers.step, replies);
    const labels = Object.values(replies.answers.step).map((a) => a.label);

    for (const article of knowledge.articles) {
        it(`${article.id}: each of its ${article.steps.length} step cards reads title, instructions, reminder, question and options`, () => {
            article.steps.forEach((step, i) => {
                const view = { step, number: i + 1, total: article.steps.length, choices };
                const [attachment] = stepActivity('webchat', replies, view).attachments ?? [];
                const card = contentOf(attachment!);
                expectReadsAsShown(card, step.id);
                const heading = fillTemplate(replies.stepCard.heading, { number: i + 1, total: article.steps.length, title: step.title });
                const reminder = step.remindNotToShareCode ? [replies.stepCard.codeReminder] : [];
                expect(shownTexts(card), step.id).to.deep.equal([heading, step.instructions, ...reminder, replies.stepCard.question, ...labels]);
                // The step's title is a heading a screen reader can jump to.
                expect(card.body[0]).to.include({ text: heading, style: 'heading' });
            });
        });
    }

    it('the step card speaks in sentences: "Step 1 of 3: Title. Instructions. Did that work? Yes, No, ..."', () => {
        const step = knowledge.articles[0]!.steps.find((s) => !s.remindNotToShareCode) ?? knowledge.articles[0]!.steps[0]!;
        const card = contentOf(stepActivity('webchat', replies, { step, number: 1, total: 3, choices }).attachments![0]!);
        const heading = fillTemplate(replies.stepCard.heading, { number: 1, total: 3, title: step.title });
        expect(card.speak).to.match(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. `));
        expect(card.speak).to.match(new RegExp(`${labels.join(', ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    });

    const summary: CaseSummary = {
        caseId: 'c1',
        symptom: 'code_not_accepted',
        symptomTitle: 'Security code not accepted',
        channel: 'webchat',
        openedAt: '2026-12-06T18:00:00Z',
        reason: 'asked for a person',
        answers: [{ question: 'Are the app and the car up to date?', answer: 'Not sure' }],
        steps: [{ title: 'Re-enter the security code', outcome: 'No' }],
        confidence: [{ intent: 'code_not_accepted', score: 0.91 }],
        firstMessage: 'my code is rejected',
        messages: ['my code is rejected', 'still no luck']
    };
    const customer = {} as WaitingCustomer['customer'];
    const agentCards: Record<string, Attachment> = {
        'case card': caseCard(replies, 'New customer', summary, [{ type: 'Action.Submit', title: replies.handoff.agentCard.acceptButton.replace('{case}', 'C1') }]),
        'queue card': queueCard(replies, [{ caseId: 'c1', customer, summary, since: '2026-12-06T18:00:00Z', toldPosition: 1, state: 'waiting' }], new Date('2026-12-06T18:05:00Z')),
        'messages card': messagesCard(
            replies,
            [
                {
                    caseId: 'c1',
                    customer,
                    summary,
                    message: 'call me back',
                    at: '2026-12-06T18:10:00Z',
                    more: [{ text: 'after 5pm please', at: '2026-12-06T18:11:00Z' }],
                    answers: [{ agent: 'Sam', text: 'Will do', at: '2026-12-06T18:12:00Z', delivered: true }]
                } satisfies LeftMessage
            ],
            replies.handoff.agentMessagesHeading
        ),
        'help card': helpCard(replies, knowledge.desk)
    };
    for (const [name, attachment] of Object.entries(agentCards)) {
        it(`the agent's ${name} reads its texts, facts and buttons in order`, () => expectReadsAsShown(contentOf(attachment), name));
    }
});
