// German conversations typed from start to end through the real MainDialog with the German
// classifiers: every reply of every turn asserted, in order, against the German knowledge, as a
// person reading German in Web Chat would see it (a card by its heading).
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { aboutSymptom, answerHowHard, answerWhy } from '../../dialogs/digressions';
import type { FeedbackRecord } from '../../dialogs/feedbackRecord';
import { findStep, findSymptom } from '../../knowledge/lookup';
import { planSteps } from '../../knowledge/planSteps';
import { knowledgeAndClassifier, startConversation, type Conversation, type ConversationOptions } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier('de');
const { replies } = knowledge;
const u = replies.understanding;
const { article } = findSymptom(knowledge, 'code_not_accepted');

const read = (activities: Partial<Activity>[]) => activities.map((a) => a.text ?? (a as { summary?: string }).summary ?? '');
const confirm = (symptom: string) => fillTemplate(replies.confirmSymptom, { confirm: findSymptom(knowledge, symptom).symptom.confirm });
const question = (id: string) => article.questions.find((q) => q.id === id)!.prompt;
const step = (n: number, total: number, id: string) => fillTemplate(replies.stepCard.heading, { number: n, total, title: findStep(article, id).title });
const stepAgain = (n: number, total: number, id: string) => `${step(n, total, id)}. ${replies.stepCard.question}`;
const title = (symptom: string) => findSymptom(knowledge, symptom).symptom.title;
const exhausted = fillTemplate(replies.stepsExhausted, { escalation: article.escalation.advice });
const ofKind = <K extends FeedbackRecord['kind']>(records: FeedbackRecord[], kind: K) => records.filter((r): r is Extract<FeedbackRecord, { kind: K }> => r.kind === kind);

const german = (options: Omit<ConversationOptions, 'language'> = {}) => startConversation('webchat', new MemoryStorage(), { ...options, language: 'de' });

async function talk(c: Conversation, text: string): Promise<string[]> {
    return read(await c.say(text));
}

/** Code problem, confirmed, "weiß nicht" about updates: at step 1 of 4 (Sicherheitscode erneut eingeben). */
async function atFirstCodeStep(c = german()) {
    expect(await talk(c, 'mein sicherheitscode wird immer abgelehnt')).to.deep.equal([confirm('code_not_accepted')]);
    expect(await talk(c, 'ja genau')).to.deep.equal([aboutSymptom(knowledge, 'code_not_accepted'), question('software_up_to_date')]);
    expect(await talk(c, 'weiß nicht')).to.deep.equal([step(1, 4, 're_enter_code')]);
    return c;
}

/** Each symptom in several typed wordings: with umlauts, with ae/oe/ue, and with a typo. */
const openings: Record<string, string[]> = {
    code_not_accepted: [
        'mein sicherheitscode wird immer abgelehnt',
        'der code wird nicht akzeptiert',
        'die app sagt meine pin ist ungültig',
        'die app sagt meine pin ist ungueltig',
        'sicherheitscode wird nicht akzeptirt'
    ],
    app_not_connecting: [
        'die app verbindet sich nicht mit meinem auto',
        'app verbindet nicht mit meinem bmw',
        'die app verbindet sich nich',
        'die app findet mein fahrzeug nicht, verbindung schlägt fehl',
        'die app findet mein fahrzeug nicht, verbindung schlaegt fehl'
    ],
    security_features_disabled: [
        'die sicherheitsfunktionen sind deaktiviert',
        'die sicherheitsfunktionen sind ausgeschaltet',
        'sicherheitsfunktionen sind deaktivert',
        'die sicherheitsfunktionen lassen sich nicht einschalten, alles grau',
        'sicherheitsfunktionen koennen nicht aktiviert werden'
    ],
    notifications_not_received: [
        'ich bekomme keine benachrichtigungen',
        'ich bekomme keine Benachrichtigungen mehr',
        'ich bekomme keine benachrichtigugen',
        'keine warnmeldungen mehr aufs handy, früher kamen sie',
        'keine warnmeldungen mehr aufs handy, frueher kamen sie'
    ]
};

/** Typed German answers to every diagnostic question, one for each of its answers. */
const typedAnswers: Record<string, Record<'yes' | 'no' | 'not_sure', string>> = {
    software_up_to_date: { yes: 'ja, ist alles aktuell', no: 'nein, noch nicht aktualisiert', not_sure: 'keine ahnung' },
    bluetooth_on: { yes: 'ja, bluetooth ist an', no: 'nein, bluetooth ist aus', not_sure: 'weiß ich nicht' },
    internet_ok: { yes: 'ja, wlan funktioniert', no: 'nein, schlechter empfang', not_sure: 'bin mir nicht sicher' },
    permissions_granted: { yes: 'ja, hat alle berechtigungen', no: 'nein, keine standortberechtigung', not_sure: 'keine ahnung' },
    notifications_enabled: { yes: 'ja, die sind an', no: 'nein, die sind ausgeschaltet', not_sure: 'weiss nicht' }
};
const failing = ['geht immer noch nicht', 'hab ich schon probiert', 'geht nicht, Firmenhandy'];
/** How each typed walk ends: a person accepted, a person declined, or fixed on the last step. */
const endings = [
    { answer: 'yes', ending: 'every step failing, the offer of a person accepted' },
    { answer: 'no', ending: 'every step failing, the offer of a person declined' },
    { answer: 'not_sure', ending: 'fixed on the last step after the others failed' }
] as const;

describe('German conversations', () => {
    describe('every symptom opened in typed German is confirmed in German', () => {
        for (const [symptom, wordings] of Object.entries(openings)) {
            for (const text of wordings) {
                it(`"${text}"`, async () => {
                    expect(await talk(german(), text)).to.deep.equal([confirm(symptom)]);
                });
            }
        }
    });

    describe('every symptom typed through every answer of its questions, to the end', () => {
        for (const symptomId of Object.keys(openings)) {
            const { symptom } = findSymptom(knowledge, symptomId);
            for (const { answer, ending } of endings) {
                it(`${symptomId}: every question answered "${answer}" in words, ${ending}`, async () => {
                    const c = german();
                    expect(await talk(c, openings[symptomId]![0]!)).to.deep.equal([confirm(symptomId)]);
                    const prompts = symptom.questions.map(question);
                    let reply = await talk(c, answer === 'no' ? 'jep' : 'ja genau');
                    if (symptom.difficulty >= 4) {
                        expect(reply).to.deep.equal([aboutSymptom(knowledge, symptomId), replies.earlyHelpOffer]);
                        reply = [aboutSymptom(knowledge, symptomId), ...(await talk(c, 'zuerst die lösungen ausprobieren'))];
                    }
                    expect(reply).to.deep.equal([aboutSymptom(knowledge, symptomId), prompts[0]]);
                    const steps = planSteps(article, symptom, Object.fromEntries(symptom.questions.map((q) => [q, answer])));
                    for (const [i, q] of symptom.questions.entries()) {
                        const next = prompts[i + 1] ?? step(1, steps.length, steps[0]!);
                        expect(await talk(c, typedAnswers[q]![answer]), q).to.deep.equal([next]);
                    }
                    for (const [i, id] of steps.entries()) {
                        const last = i === steps.length - 1;
                        const said = last && answer === 'not_sure' ? 'hat geklappt' : failing[i % failing.length]!;
                        const expected = !last ? [step(i + 2, steps.length, steps[i + 1]!)] : answer === 'not_sure' ? [replies.resolved, replies.feedbackPrompt] : [exhausted];
                        expect(await talk(c, said), id).to.deep.equal(expected);
                    }
                    if (answer === 'yes') {
                        expect(await talk(c, 'ja bitte')).to.deep.equal([`${replies.handoffStarted} ${replies.handoffTriedNote}`, fillTemplate(replies.handoff.queued, { position: 1 })]);
                    }
                    if (answer === 'no') expect(await talk(c, 'nein danke')).to.deep.equal([replies.escalationDeclined, replies.feedbackPrompt]);
                    const [record] = ofKind(await c.feedback.readAll(), 'case');
                    expect(record).to.deep.include({ symptom: symptomId, language: 'de', outcome: { yes: 'escalated', no: 'declined', not_sure: 'resolved' }[answer] });
                    const outcomes = ['notWorked', 'alreadyTried', 'cannotDo'] as const;
                    expect(record!.steps).to.deep.equal(
                        steps.map((id, i) => ({ id, outcome: answer === 'not_sure' && i === steps.length - 1 ? 'worked' : outcomes[i % outcomes.length] }))
                    );
                });
            }
        }
    });

    describe('each symptom typed through its questions and steps', () => {
        it('code not accepted: typed answers to every step, to the offer of a person, declined', async () => {
            const c = german();
            expect(await talk(c, 'der code wird nicht akzeptiert')).to.deep.equal([confirm('code_not_accepted')]);
            expect(await talk(c, 'jep')).to.deep.equal([aboutSymptom(knowledge, 'code_not_accepted'), question('software_up_to_date')]);
            expect(await talk(c, 'nein')).to.deep.equal([step(1, 4, 'check_updates')]);
            expect(await talk(c, 'geht immer noch nicht')).to.deep.equal([step(2, 4, 're_enter_code')]);
            expect(await talk(c, 'hab ich schon probiert')).to.deep.equal([step(3, 4, 'review_security_code')]);
            expect(await talk(c, 'geht nicht, Firmenhandy')).to.deep.equal([step(4, 4, 'reset_app')]);
            expect(await talk(c, 'geht immer noch nicht')).to.deep.equal([exhausted]);
            expect(await talk(c, 'jetzt nicht')).to.deep.equal([replies.escalationDeclined, replies.feedbackPrompt]);
            const [record] = ofKind(await c.feedback.readAll(), 'case');
            expect(record).to.deep.include({
                outcome: 'declined',
                language: 'de',
                steps: [
                    { id: 'check_updates', outcome: 'notWorked' },
                    { id: 're_enter_code', outcome: 'alreadyTried' },
                    { id: 'review_security_code', outcome: 'cannotDo' },
                    { id: 'reset_app', outcome: 'notWorked' }
                ]
            });
        });

        it('app not connecting: three questions answered in words, fixed on the first step', async () => {
            const c = german();
            expect(await talk(c, 'die app verbindet sich nicht mit meinem auto')).to.deep.equal([confirm('app_not_connecting')]);
            expect(await talk(c, 'ja genau')).to.deep.equal([aboutSymptom(knowledge, 'app_not_connecting'), question('bluetooth_on')]);
            expect(await talk(c, 'ja, bluetooth ist an')).to.deep.equal([question('internet_ok')]);
            expect(await talk(c, 'nein, der empfang ist schlecht')).to.deep.equal([question('permissions_granted')]);
            expect(await talk(c, 'keine ahnung')).to.deep.equal([step(1, 5, 'check_network')]);
            expect(await talk(c, 'hat geklappt')).to.deep.equal([replies.resolved, replies.feedbackPrompt]);
            expect(ofKind(await c.feedback.readAll(), 'case')[0]).to.deep.include({ outcome: 'resolved', language: 'de', steps: [{ id: 'check_network', outcome: 'worked' }] });
        });

        it('security features disabled: the early offer of a person, fixes tried first, fixed', async () => {
            const c = german();
            expect(await talk(c, 'die sicherheitsfunktionen sind deaktiviert')).to.deep.equal([confirm('security_features_disabled')]);
            expect(await talk(c, 'ja genau')).to.deep.equal([aboutSymptom(knowledge, 'security_features_disabled'), replies.earlyHelpOffer]);
            expect(await talk(c, 'zuerst die lösungen ausprobieren')).to.deep.equal([question('software_up_to_date')]);
            expect(await talk(c, 'ja, alles ist aktuell')).to.deep.equal([step(1, 3, 'review_security_settings')]);
            expect(await talk(c, 'geht immer noch nicht')).to.deep.equal([step(2, 3, 'review_security_code')]);
            expect(await talk(c, 'jetzt geht es, danke')).to.deep.equal([replies.resolved, replies.feedbackPrompt]);
        });

        it('notifications not received: two questions, every step failing, the offer of a person accepted', async () => {
            const c = german();
            expect(await talk(c, 'ich bekomme keine benachrichtigungen')).to.deep.equal([confirm('notifications_not_received')]);
            expect(await talk(c, 'jep')).to.deep.equal([aboutSymptom(knowledge, 'notifications_not_received'), question('notifications_enabled')]);
            expect(await talk(c, 'nein, die sind aus')).to.deep.equal([question('internet_ok')]);
            expect(await talk(c, 'ja')).to.deep.equal([step(1, 3, 'enable_notifications')]);
            expect(await talk(c, 'hab ich schon probiert')).to.deep.equal([step(2, 3, 'check_updates')]);
            expect(await talk(c, 'geht immer noch nicht')).to.deep.equal([step(3, 3, 'reset_app')]);
            expect(await talk(c, 'geht nicht, Firmenhandy')).to.deep.equal([exhausted]);
            expect(await talk(c, 'ja bitte')).to.deep.equal([`${replies.handoffStarted} ${replies.handoffTriedNote}`, fillTemplate(replies.handoff.queued, { position: 1 })]);
            expect(c.handoffs).to.have.length(1);
        });
    });

    describe('answers given in so many words', () => {
        it('an answer covering two questions fills both: neither is asked again and the plan starts with the weak internet', async () => {
            const c = german();
            await talk(c, 'die app verbindet sich nicht mit meinem auto');
            await talk(c, 'ja');
            expect(await talk(c, 'bluetooth ist an, aber das internet ist schlecht')).to.deep.equal([question('permissions_granted')]);
            expect(await talk(c, 'ja')).to.deep.equal([step(1, 4, 'check_network')]);
        });

        for (const reply of ['bluetooth passt, aber der empfang hier ist mies', 'ja, aber das wlan bricht ständig ab']) {
            it(`in the person's own words: "${reply}" fills both questions`, async () => {
                const c = german();
                await talk(c, 'die app verbindet sich nicht mit meinem auto');
                await talk(c, 'ja');
                expect(await talk(c, reply)).to.deep.equal([question('permissions_granted')]);
                expect(await talk(c, 'ja')).to.deep.equal([step(1, 4, 'check_network')]);
            });
        }

        it('an answer to another question is noted, and the open question asked again rather than read as "nein"', async () => {
            const c = german();
            await talk(c, 'die app verbindet sich nicht mit meinem auto');
            await talk(c, 'ja');
            expect(await talk(c, 'das internet ist aber schwach')).to.deep.equal([u.notedOtherAnswer, question('bluetooth_on')]);
            expect(await talk(c, 'ja')).to.deep.equal([question('permissions_granted')]);
            expect(await talk(c, 'ja')).to.deep.equal([step(1, 4, 'check_network')]);
        });
    });

    it('"gerne" accepts the offer of a person when the steps run out', async () => {
        const c = await atFirstCodeStep();
        for (const [n, id] of [[2, 'check_updates'], [3, 'review_security_code'], [4, 'reset_app']] as const) expect(await talk(c, 'nein')).to.deep.equal([step(n, 4, id)]);
        expect(await talk(c, 'nein')).to.deep.equal([exhausted]);
        expect(await talk(c, 'gerne')).to.deep.equal([`${replies.handoffStarted} ${replies.handoffTriedNote}`, fillTemplate(replies.handoff.queued, { position: 1 })]);
    });

    describe('never a false "fixed"', () => {
        for (const unclear of ['ok', 'erledigt', 'ich glaube schon']) {
            it(`"${unclear}" at "${replies.stepCard.question}" gets the one confirming question, and nothing is closed`, async () => {
                const c = await atFirstCodeStep();
                expect(await talk(c, unclear)).to.deep.equal([u.confirmWorked]);
                expect(ofKind(await c.feedback.readAll(), 'case')).to.deep.equal([]);
                expect(await talk(c, 'nein, immer noch nicht')).to.deep.equal([step(2, 4, 'check_updates')]);
                expect(ofKind(await c.feedback.readAll(), 'case')).to.deep.equal([]);
            });
        }

        it('confirmed as working only when the person says so', async () => {
            const c = await atFirstCodeStep();
            expect(await talk(c, 'ich glaube schon')).to.deep.equal([u.confirmWorked]);
            expect(await talk(c, 'ja, es funktioniert')).to.deep.equal([replies.resolved, replies.feedbackPrompt]);
        });

        it('"ich weiß nicht, wie das geht" is "I can\'t do this": the next step comes, not a question whether it works', async () => {
            const c = await atFirstCodeStep();
            expect(await talk(c, 'ich weiß nicht wie das geht')).to.deep.equal([step(2, 4, 'check_updates')]);
            await talk(c, 'abbrechen');
            expect(ofKind(await c.feedback.readAll(), 'case')[0]!.steps).to.deep.equal([{ id: 're_enter_code', outcome: 'cannotDo' }]);
        });

        it('a truly unclear answer is refused with the German answers named, then asked again', async () => {
            const c = await atFirstCodeStep();
            const labels = Object.values(replies.answers.step).map((a) => `„${a.label}“`);
            const options = `${labels.slice(0, -1).join(', ')} oder ${labels.at(-1)}`;
            expect(await talk(c, 'hmm das auto ist blau')).to.deep.equal([fillTemplate(replies.notUnderstoodAnswer, { options }), stepAgain(1, 4, 're_enter_code')]);
            expect(ofKind(await c.feedback.readAll(), 'reply').at(-1)).to.include({ question: 're_enter_code', understood: 'refused' });
        });

        it('"mach ich gleich" keeps the step open', async () => {
            const c = await atFirstCodeStep();
            expect(await talk(c, 'mach ich gleich')).to.deep.equal([u.takeYourTime]);
            expect(ofKind(await c.feedback.readAll(), 'case')).to.deep.equal([]);
            expect(await talk(c, 'geht immer noch nicht')).to.deep.equal([step(2, 4, 'check_updates')]);
        });
    });

    describe('digressions, then back to the question', () => {
        it('"warum?" gets the likely cause, and the step again', async () => {
            const c = await atFirstCodeStep();
            expect(await talk(c, 'warum?')).to.deep.equal([answerWhy(knowledge, 'code_not_accepted'), stepAgain(1, 4, 're_enter_code')]);
        });

        it('"wie schwer ist das?" gets the difficulty in words, and the question again', async () => {
            const c = german();
            await talk(c, 'die app verbindet sich nicht mit meinem auto');
            await talk(c, 'ja');
            expect(await talk(c, 'wie schwer ist das?')).to.deep.equal([answerHowHard(knowledge, 'app_not_connecting'), question('bluetooth_on')]);
            expect(answerHowHard(knowledge, 'app_not_connecting')).to.equal(replies.difficulty.medium);
        });

        it('"wie mache ich das?" gives what the article says, that it says no more, and the step again', async () => {
            const c = await atFirstCodeStep();
            expect(await talk(c, 'wie mache ich das?')).to.deep.equal([
                fillTemplate(u.howStep, { instructions: findStep(article, 're_enter_code').instructions }),
                u.howNothingMore,
                stepAgain(1, 4, 're_enter_code')
            ]);
        });

        it('a second problem is offered for later and taken up when the first is fixed', async () => {
            const c = await atFirstCodeStep();
            const other = title('notifications_not_received');
            expect(await talk(c, 'außerdem bekomme ich keine benachrichtigungen')).to.deep.equal([fillTemplate(u.newProblemOffer, { other })]);
            expect(await talk(c, 'erst das hier lösen')).to.deep.equal([fillTemplate(u.newProblemNoted, { other }), stepAgain(1, 4, 're_enter_code')]);
            expect(await talk(c, 'hat geklappt')).to.deep.equal([
                replies.resolved,
                fillTemplate(u.nextProblem, { title: other }),
                aboutSymptom(knowledge, 'notifications_not_received'),
                question('notifications_enabled')
            ]);
        });

        for (const [asked, related] of [['wie setze ich das infotainment zurück', 0], ['wie lange hält die batterie', 1]] as const) {
            it(`"${asked}" names the related article and what this bot covers, then asks again`, async () => {
                const c = await atFirstCodeStep();
                expect(await talk(c, asked)).to.deep.equal([fillTemplate(u.seeAlso, { title: article.seeAlso[related]!.title }), stepAgain(1, 4, 're_enter_code')]);
            });
        }

        it('a correction switches problem, and the first is not recorded as tried', async () => {
            const c = german();
            await talk(c, 'mein sicherheitscode wird immer abgelehnt');
            await talk(c, 'ja');
            expect(await talk(c, 'ach nein, es sind eigentlich die Benachrichtigungen')).to.deep.equal([
                fillTemplate(u.switching, { title: title('notifications_not_received') }),
                aboutSymptom(knowledge, 'notifications_not_received'),
                question('notifications_enabled')
            ]);
            expect(await talk(c, 'abbrechen')).to.deep.equal([replies.cancelled]);
            const cases = ofKind(await c.feedback.readAll(), 'case');
            expect(cases.map((r) => r.symptom)).to.deep.equal(['notifications_not_received']);
            expect(cases[0]).to.deep.include({ steps: [], language: 'de' });
        });
    });

    it('a returning customer is welcomed back in German with the step that fixed it, and that step comes first', async () => {
        const storage = new MemoryStorage();
        const first = await atFirstCodeStep(startConversation('webchat', storage, { language: 'de' }));
        await talk(first, 'nein');
        await talk(first, 'hat geklappt');
        const later = startConversation('webchat', storage, { language: 'de', conversationId: 'a-later-conversation' });
        expect(await talk(later, 'hallo, es ist wieder kaputt')).to.deep.equal([
            fillTemplate(u.welcomeBack.resolved, { symptom: title('code_not_accepted'), step: findStep(article, 'check_updates').title })
        ]);
        expect(await talk(later, 'ja, wieder dasselbe')).to.deep.equal([aboutSymptom(knowledge, 'code_not_accepted'), question('software_up_to_date')]);
        expect(await talk(later, 'weiß nicht')).to.deep.equal([step(1, 4, 'check_updates')]);
    });

    describe('the security code', () => {
        it('a German message holding a code gets the German warning, still helps, and never repeats the code', async () => {
            const c = german();
            const reply = await talk(c, 'mein Code ist 4821');
            expect(reply).to.deep.equal([replies.securityCodeWarning, confirm('code_not_accepted')]);
            expect(reply.join('\n')).not.to.include('4821');
        });
    });
});
