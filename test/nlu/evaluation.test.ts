import { expect } from 'chai';
import { stratifiedFolds } from '../../tools/nlu/crossValidation';
import type { Prediction } from '../../bot/nlu/intentClassifier';
import { accuracy, inScopeAccuracy, macroF1, oosRecall } from '../../tools/nlu/metrics';
import { tuneThreshold } from '../../tools/nlu/threshold';

describe('evaluation measures', () => {
    const gold = ['a', 'a', 'b', 'oos', 'oos'];
    const predicted = ['a', 'b', 'b', 'oos', 'a'];

    it('computes accuracy and macro F1', () => {
        expect(accuracy(gold, predicted)).to.be.closeTo(3 / 5, 1e-12);
        // F1: a = 2*1/(2+1+1) = 0.5, b = 2/(2+1) = 2/3, oos = 2/(2+1) = 2/3
        expect(macroF1(gold, predicted)).to.be.closeTo((0.5 + 2 / 3 + 2 / 3) / 3, 1e-12);
    });

    it('computes in-scope accuracy and oos recall as Larson et al. define them', () => {
        expect(inScopeAccuracy(gold, predicted, 'oos')).to.be.closeTo(2 / 3, 1e-12);
        expect(oosRecall(gold, predicted, 'oos')).to.be.closeTo(1 / 2, 1e-12);
    });

    it('stratifies folds: each fold gets its share of every intent, the same for a seed', () => {
        const labels = [...Array(10).fill('x'), ...Array(5).fill('y')] as string[];
        const folds = stratifiedFolds(labels, 5, 3);
        for (let f = 0; f < 5; f++) {
            expect(labels.filter((l, i) => l === 'x' && folds[i] === f)).to.have.length(2);
            expect(labels.filter((l, i) => l === 'y' && folds[i] === f)).to.have.length(1);
        }
        expect(stratifiedFolds(labels, 5, 3)).to.deep.equal(folds);
    });

    it('tunes the threshold between confident in-scope and doubtful out-of-scope answers', () => {
        const prediction = (intent: string, score: number): Prediction => ({ ranked: [{ intent, score }], knownTokens: 1, tokens: 1 });
        const predictions = [prediction('a', 0.9), prediction('b', 0.8), prediction('a', 0.3), prediction('b', 0.2)];
        const choice = tuneThreshold(predictions, ['a', 'b', 'oos', 'oos'], 'oos');
        expect(choice.accuracy).to.equal(1);
        expect(choice.threshold).to.be.greaterThan(0.3).and.at.most(0.8);
    });

    it('prefers a broad high region of the accuracy curve to a one-query spike', () => {
        const prediction = (intent: string, score: number): Prediction => ({ ranked: [{ intent, score }], knownTokens: 1, tokens: 1 });
        // Right answers by threshold: 5 of 7 from 0.125 to 0.6, 6 only at 0.605 (one out-of-scope
        // query just below two in-scope ones), 4 from 0.61. Raw accuracy would pick the spike.
        const inScope = [0.11, 0.6062, 0.6088, 0.9].map((s) => ({ p: prediction('a', s), gold: 'a' }));
        const outOfScope = [0.1, 0.12, 0.6012].map((s) => ({ p: prediction('a', s), gold: 'oos' }));
        const all = [...inScope, ...outOfScope];
        const choice = tuneThreshold(all.map((c) => c.p), all.map((c) => c.gold), 'oos');
        expect(choice.threshold).to.be.greaterThan(0.12).and.lessThan(0.6);
        expect(choice.accuracy).to.be.closeTo(5 / 7, 1e-12);
    });
});
