// The classifier in German: the same learner, with German words and stems.
import { expect } from 'chai';
import { trainIntentClassifier } from '../../bot/nlu/intentClassifier';

const examples = [
    { text: 'Der Sicherheitscode wird nicht akzeptiert', intent: 'code_not_accepted' },
    { text: 'mein Code ist angeblich falsch', intent: 'code_not_accepted' },
    { text: 'die App sagt Code ungültig', intent: 'code_not_accepted' },
    { text: 'ich bekomme keine Benachrichtigungen mehr', intent: 'notifications_not_received' },
    { text: 'Mitteilungen aufs Handy kommen nicht an', intent: 'notifications_not_received' },
    { text: 'keine Push Nachricht wenn das Auto offen ist', intent: 'notifications_not_received' },
    { text: 'Schlüssel verloren was nun', intent: 'none' },
    { text: 'wie wechsle ich die Reifen', intent: 'none' },
    { text: 'was kostet eine Inspektion', intent: 'none' }
];

describe('intent classifier in German', () => {
    const classifier = trainIntentClassifier(examples, { language: 'de', threshold: 0 });

    it('understands words typed without umlauts or with a hyphen as the words it was taught', () => {
        expect(classifier.classify('sicherheits-code ungueltig').intent).to.equal('code_not_accepted');
        expect(classifier.classify('Schluessel verloren').intent).to.equal('none');
    });

    it('recognises another inflection of a word it was taught', () => {
        expect(classifier.classify('keine Benachrichtigung').intent).to.equal('notifications_not_received');
    });
});
