// The out-of-scope decision and the averaged ensemble, on hand-made predictions and a toy data set.
import { expect } from 'chai';
import { acceptanceScore, decide, trainIntentClassifier, type Prediction } from '../../bot/nlu/intentClassifier';

const prediction = (ranked: [string, number][], knownTokens = 4, tokens = 4): Prediction => ({
    ranked: ranked.map(([intent, score]) => ({ intent, score })),
    knownTokens,
    tokens
});

describe('out-of-scope decision', () => {
    it('accepts the best in-scope intent by its lead over out of scope', () => {
        expect(acceptanceScore(prediction([['a', 0.7], ['none', 0.2], ['b', 0.1]]), 'none')).to.be.closeTo(0.5, 1e-12);
        expect(decide(prediction([['a', 0.7], ['none', 0.2], ['b', 0.1]]), 'none', 0.45)).to.deep.equal({
            intent: 'a',
            score: 0.7,
            alternatives: [{ intent: 'a', score: 0.7 }, { intent: 'b', score: 0.1 }]
        });
        // Same top probability, but out of scope is close behind: not sure enough.
        const doubtful = decide(prediction([['a', 0.55], ['none', 0.4], ['b', 0.05]]), 'none', 0.45);
        expect(doubtful.intent).to.equal('none');
        expect(doubtful.score).to.be.closeTo(0.45, 1e-12);
        expect(doubtful.alternatives[0]).to.deep.equal({ intent: 'a', score: 0.55 });
    });

    it('answers none whenever out of scope is the most probable class', () => {
        const p = prediction([['none', 0.5], ['a', 0.45], ['b', 0.05]]);
        expect(acceptanceScore(p, 'none')).to.be.lessThan(0);
        expect(decide(p, 'none', 0).intent).to.equal('none');
    });

    it('uses the plain top probability when out of scope is not a trained class', () => {
        expect(acceptanceScore(prediction([['a', 0.6], ['b', 0.4]]), 'oos')).to.be.closeTo(0.6, 1e-12);
    });

    it('needs a bigger lead when part of the text is unknown words', () => {
        const allKnown = prediction([['a', 0.8], ['b', 0.2]], 4, 4);
        const halfKnown = prediction([['a', 0.8], ['b', 0.2]], 2, 4);
        expect(acceptanceScore(halfKnown, 'oos')).to.be.closeTo(acceptanceScore(allKnown, 'oos') / 2, 1e-12);
        expect(decide(halfKnown, 'oos', 0.5).intent).to.equal('oos');
        expect(decide(allKnown, 'oos', 0.5).intent).to.equal('a');
    });

    it('answers none with score 1 and no alternatives when no word is known', () => {
        const p = prediction([['a', 0.9], ['b', 0.1]], 0, 3);
        expect(acceptanceScore(p, 'oos')).to.equal(-Infinity);
        expect(decide(p, 'oos', 0)).to.deep.equal({ intent: 'oos', score: 1, alternatives: [] });
    });
});

describe('ensemble of seeds', () => {
    const examples = [
        ...['turn on the lights', 'switch the lamp on', 'lights on please', 'make it brighter in here'].map((text) => ({ text, intent: 'lights' })),
        ...['play some music', 'put on a song', 'start the playlist', 'i want to hear jazz'].map((text) => ({ text, intent: 'music' })),
        ...['what is the weather', 'will it rain today', 'is it cold outside', 'forecast for tomorrow'].map((text) => ({ text, intent: 'weather' }))
    ];

    it('averages the models into probabilities that still sum to 1, the same on every run', () => {
        const one = trainIntentClassifier(examples, { ensembleSize: 1 });
        const three = trainIntentClassifier(examples, { ensembleSize: 3 });
        const again = trainIntentClassifier(examples, { ensembleSize: 3 });
        for (const text of ['lights on', 'play jazz', 'rain tomorrow?']) {
            const p = three.predict(text);
            expect(p.ranked.reduce((sum, s) => sum + s.score, 0)).to.be.closeTo(1, 1e-9);
            expect(p.ranked[0]!.intent).to.equal(one.predict(text).ranked[0]!.intent);
            expect(again.predict(text)).to.deep.equal(p);
        }
        expect(three.predict('lights on').ranked).not.to.deep.equal(one.predict('lights on').ranked);
    });
});
