import { expect } from 'chai';
import { SoftmaxRegression, softmaxInPlace } from '../../bot/nlu/softmaxRegression';
import type { SparseVector } from '../../bot/nlu/sparseVector';

const vector = (entries: [number, number][]): SparseVector => ({
    indices: Int32Array.from(entries.map(([i]) => i)),
    values: Float32Array.from(entries.map(([, v]) => v))
});

describe('softmax regression', () => {
    // Three classes, each signalled by its own feature, plus a shared noise feature.
    const vectors = [0, 1, 2].flatMap((c) => [vector([[c, 1]]), vector([[c, 0.8], [3, 0.6]])]);
    const labels = [0, 0, 1, 1, 2, 2];

    for (const optimizer of ['adagrad', 'sgd'] as const) {
        it(`learns a separable problem with ${optimizer}`, () => {
            const model = SoftmaxRegression.train(vectors, labels, 4, 3, { epochs: 50, learningRate: optimizer === 'sgd' ? 1 : 0.3, l2: 1e-4, seed: 1, optimizer });
            for (let c = 0; c < 3; c++) {
                const p = model.probabilities(vector([[c, 1]]));
                expect(p.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-9);
                expect(Array.from(p).indexOf(Math.max(...p))).to.equal(c);
                expect(p[c]).to.be.greaterThan(0.7);
            }
        });
    }

    it('is deterministic for a seed', () => {
        const options = { epochs: 5, learningRate: 0.3, l2: 1e-4, seed: 7, optimizer: 'adagrad' as const };
        const a = SoftmaxRegression.train(vectors, labels, 4, 3, options).probabilities(vector([[3, 1]]));
        const b = SoftmaxRegression.train(vectors, labels, 4, 3, options).probabilities(vector([[3, 1]]));
        expect(Array.from(a)).to.deep.equal(Array.from(b));
    });

    it('gives uniform probabilities with no evidence, and does not overflow', () => {
        expect(Array.from(softmaxInPlace(Float64Array.from([0, 0])))).to.deep.equal([0.5, 0.5]);
        const p = softmaxInPlace(Float64Array.from([1000, 0]));
        expect(p[0]).to.equal(1);
        expect(Number.isNaN(p[1])).to.equal(false);
    });
});
