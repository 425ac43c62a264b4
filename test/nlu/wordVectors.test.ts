import { expect } from 'chai';
import { trainIntentClassifier } from '../../bot/nlu/intentClassifier';
import { DenseWordVectors } from '../../tools/nlu/wordVectors';

describe('word vectors', () => {
    // Two-dimensional toy vectors, most frequent word first: "automobile" lies next to "car".
    const words = ['the', 'my', 'car', 'phone', 'automobile', 'handset'];
    const data = Float32Array.from([0.1, 0.1, 0.1, -0.1, 1, 0, 0, 1, 0.95, 0.05, 0.05, 0.95]);
    const vectors = new DenseWordVectors(words, data, 2);

    it('weighs frequent words far less than rare ones in the mean', () => {
        expect(vectors.weight('the')).to.be.below(0.05);
        expect(vectors.weight('handset')).to.be.above(vectors.weight('the'));
        expect(vectors.weight('unknownword')).to.equal(0);
        expect(vectors.get('unknownword')).to.equal(undefined);
    });

    it('lets a word unseen in training count through its vector', () => {
        const examples = [
            { text: 'my car', intent: 'vehicle' },
            { text: 'the car', intent: 'vehicle' },
            { text: 'my phone', intent: 'device' },
            { text: 'the phone', intent: 'device' }
        ];
        const options = { wordVectors: vectors, correctSpelling: false, seed: 1 };
        const classifier = trainIntentClassifier(examples, options);
        expect(classifier.predict('automobile').ranked[0]!.intent).to.equal('vehicle');
        expect(classifier.predict('handset').ranked[0]!.intent).to.equal('device');
    });
});
