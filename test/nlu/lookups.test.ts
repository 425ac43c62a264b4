// Lookup tables: what training teaches about a few names of a table holds for every name in it,
// including names no training utterance uses. A small made-up domain keeps the cause visible.
import { expect } from 'chai';
import { trainIntentClassifier } from '../../bot/nlu/intentClassifier';

const examples = [
    ...['the app wont connect', 'app cant reach the car', 'connection error in the app', 'app keeps failing to connect', 'the app is not connecting to my car', 'app stuck on connecting'].map(
        (text) => ({ text, intent: 'app_not_connecting' })
    ),
    ...['my acme app wont connect', 'the zenith app cant reach the server', 'globex app connection error', 'acme app keeps failing', 'zenith wont load', 'what is the weather today', 'tell me a joke', 'how tall is a giraffe'].map(
        (text) => ({ text, intent: 'none' })
    )
];
const otherProducts = { name: 'other_product', entries: ['acme', 'zenith', 'globex', 'initech', 'umbrella corp'] };

describe('lookup tables in the classifier', () => {
    it('takes a listed name that no training utterance uses as what the table says it is', () => {
        const withTable = trainIntentClassifier(examples, { lookups: [otherProducts] });
        const withoutTable = trainIntentClassifier(examples);
        const text = 'my initech app wont connect';
        expect(withoutTable.classify(text).intent, 'without the table the unseen name says nothing').to.equal('app_not_connecting');
        expect(withTable.classify(text).intent).to.equal('none');
        expect(withTable.classify('my umbrella corp app wont connect').intent, 'a two-word entry').to.equal('none');
    });

    it('leaves messages that name nothing from the table in scope', () => {
        const classifier = trainIntentClassifier(examples, { lookups: [otherProducts] });
        expect(classifier.classify('the app wont connect to my car').intent).to.equal('app_not_connecting');
        // "umbrella" alone is not the entry "umbrella corp".
        expect(classifier.classify('the app wont connect, i left my umbrella in the car').intent).to.equal('app_not_connecting');
    });

    it('says which tables the text names, so the dialogs can tell "about something else" from "unclear"', () => {
        const classifier = trainIntentClassifier(examples, { lookups: [otherProducts] });
        expect(classifier.classify('my initech app wont connect').lookups).to.deep.equal(['other_product']);
        expect(classifier.classify('initech').lookups, 'a name alone, unknown to training').to.deep.equal(['other_product']);
        expect(classifier.classify('the app wont connect').lookups).to.equal(undefined);
    });

    it('matches whole words only, whatever the case and punctuation', () => {
        const classifier = trainIntentClassifier(examples, { lookups: [otherProducts] });
        expect(classifier.classify('INITECH app: wont connect!').intent).to.equal('none');
        expect(classifier.classify('the initechnology app wont connect').intent).to.equal('app_not_connecting');
    });
});
