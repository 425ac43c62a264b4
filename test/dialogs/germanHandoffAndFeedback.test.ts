// A German conversation handed to a person and rated: the customer reads German throughout, the
// agent's summary is in English (the agents' language) with the customer's own words unchanged,
// and the records say the conversation was in German.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { fillTemplate } from '../../dialogs/fillTemplate';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, type Conversation, type ConversationOptions } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier('de');
const english = knowledgeAndClassifier('en').knowledge;
const { replies } = knowledge;
const u = replies.understanding;

const read = (activities: Partial<Activity>[]) => activities.map((a) => a.text ?? (a as { summary?: string }).summary ?? '');
const ofKind = <K extends FeedbackRecord['kind']>(records: FeedbackRecord[], kind: K) => records.filter((r): r is Extract<FeedbackRecord, { kind: K }> => r.kind === kind);
const german = (options: Omit<ConversationOptions, 'language'> = {}) => startConversation('webchat', new MemoryStorage(), { ...options, language: 'de' });

async function talk(c: Conversation, text: string): Promise<string[]> {
    return read(await c.say(text));
}

/** The code problem, confirmed, "weiß nicht" about updates, the first step failed: at step 2 of 4. */
async function afterFirstStep(c: Conversation) {
    for (const text of ['mein sicherheitscode wird immer abgelehnt', 'ja genau', 'weiß nicht', 'geht immer noch nicht']) await talk(c, text);
    return c;
}

describe('German handoff', () => {
    it('with nobody on duty, the German "nobody available" text, and what was tried is attached', async () => {
        expect(await talk(german({ agentIds: [] }), 'ich möchte mit einem Mitarbeiter sprechen')).to.deep.equal([replies.handoff.nobodyOnDuty]);
        const c = await afterFirstStep(german({ agentIds: [] }));
        expect(await talk(c, 'Mitarbeiter')).to.deep.equal([`${replies.handoff.nobodyOnDuty} ${replies.handoff.triedAttached}`]);
    });

    it('with an agent on duty, the German queue message', async () => {
        const c = await afterFirstStep(german());
        expect(await talk(c, 'ich möchte mit einem Mitarbeiter sprechen')).to.deep.equal([
            `${replies.handoffStarted} ${replies.handoffTriedNote}`,
            fillTemplate(replies.handoff.queued, { position: 1 })
        ]);
    });

    it('the summary for the agent is in English, says the customer speaks German, and relays their words unchanged', async () => {
        const c = await afterFirstStep(german());
        await talk(c, 'ich möchte mit einem Mitarbeiter sprechen');
        const [summary] = c.handoffs;
        const { article, symptom } = findSymptom(english, 'code_not_accepted');
        const updates = article.questions.find((q) => q.id === 'software_up_to_date')!;
        expect(summary).to.deep.include({
            language: 'de',
            symptom: 'code_not_accepted',
            symptomTitle: symptom.title,
            answers: [{ question: updates.prompt, answer: updates.answers.find((a) => a.id === 'not_sure')!.label }],
            steps: [{ title: findStep(article, 're_enter_code').title, outcome: english.replies.answers.step.notWorked.label }],
            firstMessage: 'mein sicherheitscode wird immer abgelehnt'
        });
        expect(summary!.messages).to.include.members(['mein sicherheitscode wird immer abgelehnt', 'ja genau', 'weiß nicht', 'geht immer noch nicht']);
    });
});

describe('German feedback', () => {
    async function atRating(c = german()) {
        for (const text of ['mein sicherheitscode wird immer abgelehnt', 'ja genau', 'weiß nicht']) await talk(c, text);
        const activities = await c.say('hat geklappt');
        expect(read(activities)).to.deep.equal([replies.resolved, replies.feedbackPrompt]);
        return { c, activities };
    }

    it('the rating buttons are in German', async () => {
        const { activities } = await atRating();
        const titles = activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title);
        expect(titles).to.deep.equal(['👍 Hilfreich', '👎 Nicht hilfreich']);
        expect(titles).to.deep.equal(Object.values(replies.answers.feedback).map((a) => a.label));
    });

    it('a typed "super" is a good rating; the German comment after it is kept without the code; the case is recorded as German', async () => {
        const { c } = await atRating();
        expect(await talk(c, 'super')).to.deep.equal([`${replies.feedbackThanks} ${u.commentPrompt}`]);
        expect(await talk(c, 'Sie haben zweimal nach Updates gefragt, mein Code 482913 war richtig')).to.deep.equal([replies.securityCodeWarning, u.commentThanks]);
        const records = await c.feedback.readAll();
        const [comment] = ofKind(records, 'comment');
        expect(comment!.text).to.include('Sie haben zweimal nach Updates gefragt').and.not.include('482913');
        expect(ofKind(records, 'rating')[0]).to.include({ rating: 'good', caseId: comment!.caseId });
        expect(ofKind(records, 'case')[0]).to.deep.include({ outcome: 'resolved', language: 'de', caseId: comment!.caseId });
    });

    it('a typed "war nicht hilfreich" is a bad rating, its words kept as the comment', async () => {
        const { c } = await atRating();
        // Three words or more with a rating are already the comment (as in English): it is not asked for again.
        expect(await talk(c, 'war nicht hilfreich')).to.deep.equal([u.commentThanks]);
        const records = await c.feedback.readAll();
        expect(ofKind(records, 'rating')[0]).to.include({ rating: 'bad' });
        expect(ofKind(records, 'comment')[0]).to.include({ text: 'war nicht hilfreich' });
    });

    it('the German button "👎 Nicht hilfreich" is a bad rating, and the comment is asked for', async () => {
        const { c } = await atRating();
        expect(await talk(c, replies.answers.feedback.bad.label)).to.deep.equal([`${replies.feedbackThanks} ${u.commentPrompt}`]);
        expect(await talk(c, 'zu viele fragen')).to.deep.equal([u.commentThanks]);
        const records = await c.feedback.readAll();
        expect(ofKind(records, 'rating')[0]).to.include({ rating: 'bad' });
        expect(ofKind(records, 'comment')[0]).to.include({ text: 'zu viele fragen' });
    });
});
