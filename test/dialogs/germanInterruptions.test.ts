// Cancel, start over, help and "talk to a person" typed in German, with nothing open and at each
// kind of question the bot asks in the middle of a fix: the German replies, exactly, in order.
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, visibleText, type Conversation } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier('de');
const { replies } = knowledge;
const code = findSymptom(knowledge, 'code_not_accepted');
const confirm = fillTemplate(replies.confirmSymptom, { confirm: code.symptom.confirm });
const question = code.article.questions.find((q) => q.id === 'software_up_to_date')!.prompt;
const firstStep = fillTemplate(replies.stepCard.heading, { number: 1, total: 4, title: findStep(code.article, 're_enter_code').title });
const queued = fillTemplate(replies.handoff.queued, { position: 1 });
const menuLabels = code.article.symptoms.map((s) => s.label);
const englishMenuLabels = findSymptom(knowledgeAndClassifier('en').knowledge, 'code_not_accepted').article.symptoms.map((s) => s.label);

const read = (activities: Partial<Activity>[]) => activities.map((a) => a.text ?? (a as { summary?: string }).summary ?? '');

/** Where the interruption comes: what gets there, and the question open there (asked again after "hilfe"). */
const places: { where: string; reach: string[]; open?: string }[] = [
    { where: 'at the start', reach: [] },
    { where: 'at the symptom confirmation', reach: ['mein sicherheitscode wird immer abgelehnt'], open: confirm },
    { where: 'at a diagnostic question', reach: ['mein sicherheitscode wird immer abgelehnt', 'ja genau'], open: question },
    { where: 'in the middle of a fix', reach: ['mein sicherheitscode wird immer abgelehnt', 'ja genau', 'weiß nicht'], open: firstStep }
];

async function reach(reachBy: string[]): Promise<Conversation> {
    const c = startConversation('webchat', new MemoryStorage(), { language: 'de' });
    for (const text of reachBy) await c.say(text);
    return c;
}

describe('German interruptions', () => {
    for (const { where, reach: reachBy, open } of places) {
        describe(where, () => {
            it('"abbrechen" stops (or says there is nothing to stop), and the next message starts afresh', async () => {
                const c = await reach(reachBy);
                expect(read(await c.say('abbrechen'))).to.deep.equal([open ? replies.cancelled : replies.nothingToCancel]);
                expect(read(await c.say('hallo'))).to.deep.equal([replies.greeting]);
            });

            it('"von vorne" starts again at the symptom menu, in German', async () => {
                const c = await reach(reachBy);
                const activities = await c.say('von vorne');
                expect(read(activities)).to.deep.equal([replies.startOver, replies.menuPrompt]);
                for (const label of menuLabels) expect(visibleText(activities)).to.include(label);
                for (const label of englishMenuLabels) expect(visibleText(activities)).not.to.include(label);
            });

            it('"hilfe" explains, then asks the open question again', async () => {
                const c = await reach(reachBy);
                expect(read(await c.say('hilfe'))).to.deep.equal(open ? [replies.help, open] : [replies.help]);
            });

            for (const ask of ['ich möchte mit einem Mitarbeiter sprechen', 'Mitarbeiter']) {
                it(`"${ask}" hands over, with the German queue message`, async () => {
                    const c = await reach(reachBy);
                    expect(read(await c.say(ask))).to.deep.equal([replies.handoffStarted, queued]);
                    expect(c.handoffs).to.have.length(1);
                });
            }
        });
    }

    it('after a step was tried, the person is told the agent sees what was tried', async () => {
        const c = await reach(['mein sicherheitscode wird immer abgelehnt', 'ja genau', 'weiß nicht', 'geht immer noch nicht']);
        expect(read(await c.say('Mitarbeiter'))).to.deep.equal([`${replies.handoffStarted} ${replies.handoffTriedNote}`, queued]);
    });
});
