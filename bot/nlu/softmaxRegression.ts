// Multinomial logistic regression over sparse features: one linear score per class, turned into
// probabilities that sum to 1 by the softmax. Trained example by example on the cross-entropy
// with L2 decay, by AdaGrad (the default: per-weight step sizes suit sparse text features, where
// a rare but telling n-gram needs bigger steps than a common one; it reached 93.1% top-1 on
// CLINC150's validation split against 92.2-92.7% for plain SGD, see BENCHMARKS.md) or by plain
// SGD with Bottou's scaled-weights trick (exact decay while each step only touches the weights of
// the features present in the example).
import { seededRandom, shuffleInPlace } from './random';
import type { SparseVector } from './sparseVector';

export interface SoftmaxTrainingOptions {
    epochs: number;
    /** AdaGrad's base step, or SGD's first step (decaying as 1 / (1 + learningRate * l2 * step)). */
    learningRate: number;
    /** L2 penalty per training example; larger keeps probabilities softer (less over-confident). */
    l2: number;
    seed: number;
    optimizer: 'adagrad' | 'sgd';
    /** Per-example weights (default 1): used to keep a large catch-all class from drowning small ones. */
    exampleWeights?: ArrayLike<number>;
    /**
     * Classes whose gradient for an example is at most this are not updated for it (default
     * `defaultNegligibleGradient`). Most wrong classes soon get a probability near 0, so skipping
     * them saves most of the work of an update.
     */
    negligibleGradient?: number;
}

/**
 * Classes whose gradient is below this are skipped in the update: most probabilities of wrong
 * classes are soon near 0. At 1e-5 an update on CLINC150 still touched 130 of its 150 classes on
 * average; at 1e-3 it touches about 20, training twice as fast with the same validation accuracy
 * (BENCHMARKS.md).
 */
export const defaultNegligibleGradient = 1e-3;
// SGD stores the weights divided by `scale`; fold it back in before it underflows float precision.
const smallestScale = 1e-6;
const adagradEpsilon = 1e-8;

export class SoftmaxRegression {
    private constructor(
        readonly numClasses: number,
        // Feature-major ([feature][class]) so one feature's weights for all classes are contiguous.
        private readonly weights: Float32Array,
        private readonly bias: Float64Array
    ) {}

    static train(
        vectors: readonly SparseVector[],
        labels: ArrayLike<number>,
        numFeatures: number,
        numClasses: number,
        options: SoftmaxTrainingOptions,
        onEpoch?: (epoch: number) => void
    ): SoftmaxRegression {
        const C = numClasses;
        const weights = new Float32Array(numFeatures * C);
        const bias = new Float64Array(C);
        const z = new Float64Array(C);
        const active = new Int32Array(C);
        const adagrad = options.optimizer === 'adagrad';
        const squaredGradients = new Float32Array(adagrad ? numFeatures * C : 0);
        const biasSquaredGradients = new Float64Array(C);
        const { learningRate, l2 } = options;
        const negligibleGradient = options.negligibleGradient ?? defaultNegligibleGradient;
        const random = seededRandom(options.seed);
        // Data files are grouped by intent: SGD must not see one class at a time.
        const order = shuffleInPlace(Array.from(vectors.keys()), random);
        let scale = 1;
        let step = 0;

        for (let epoch = 0; epoch < options.epochs; epoch++) {
            if (epoch > 0) shuffleInPlace(order, random);
            for (const i of order) {
                const { indices, values } = vectors[i]!;
                // Forward: z = softmax(W x + b); then z becomes the gradient of the loss by the scores.
                for (let c = 0; c < C; c++) z[c] = bias[c]!;
                for (let k = 0; k < indices.length; k++) {
                    const base = indices[k]! * C;
                    const v = values[k]! * scale;
                    for (let c = 0; c < C; c++) z[c] = z[c]! + v * weights[base + c]!;
                }
                softmaxInPlace(z);
                const label = labels[i]!;
                z[label] = z[label]! - 1;
                const exampleWeight = options.exampleWeights?.[i] ?? 1;
                let activeCount = 0;
                for (let c = 0; c < C; c++) {
                    z[c] = z[c]! * exampleWeight;
                    if (Math.abs(z[c]!) > negligibleGradient) active[activeCount++] = c;
                }

                if (adagrad) {
                    for (let k = 0; k < indices.length; k++) {
                        const base = indices[k]! * C;
                        const v = values[k]!;
                        for (let a = 0; a < activeCount; a++) {
                            const w = base + active[a]!;
                            const g = v * z[active[a]!]! + l2 * weights[w]!;
                            const sum = squaredGradients[w]! + g * g;
                            squaredGradients[w] = sum;
                            weights[w] = weights[w]! - (learningRate * g) / (Math.sqrt(sum) + adagradEpsilon);
                        }
                    }
                    for (let a = 0; a < activeCount; a++) {
                        const c = active[a]!;
                        const g = z[c]!;
                        biasSquaredGradients[c] = biasSquaredGradients[c]! + g * g;
                        bias[c] = bias[c]! - (learningRate * g) / (Math.sqrt(biasSquaredGradients[c]!) + adagradEpsilon);
                    }
                    continue;
                }

                const eta = learningRate / (1 + learningRate * l2 * step++);
                scale *= 1 - eta * l2;
                const stepOverScale = eta / scale;
                for (let k = 0; k < indices.length; k++) {
                    const base = indices[k]! * C;
                    const v = values[k]! * stepOverScale;
                    for (let a = 0; a < activeCount; a++) {
                        const c = active[a]!;
                        weights[base + c] = weights[base + c]! - v * z[c]!;
                    }
                }
                for (let a = 0; a < activeCount; a++) {
                    const c = active[a]!;
                    bias[c] = bias[c]! - eta * z[c]!;
                }
                if (scale < smallestScale) {
                    for (let w = 0; w < weights.length; w++) weights[w] = weights[w]! * scale;
                    scale = 1;
                }
            }
            onEpoch?.(epoch + 1);
        }
        if (scale !== 1) for (let w = 0; w < weights.length; w++) weights[w] = weights[w]! * scale;
        return new SoftmaxRegression(C, weights, bias);
    }

    /** Class probabilities (summing to 1) for one example. */
    probabilities(vector: SparseVector): Float64Array {
        const C = this.numClasses;
        const z = Float64Array.from(this.bias);
        const { indices, values } = vector;
        for (let k = 0; k < indices.length; k++) {
            const base = indices[k]! * C;
            const v = values[k]!;
            for (let c = 0; c < C; c++) z[c] = z[c]! + v * this.weights[base + c]!;
        }
        return softmaxInPlace(z);
    }
}

/** Subtracting the maximum first keeps exp() from overflowing without changing the result. */
export function softmaxInPlace(z: Float64Array): Float64Array {
    let max = -Infinity;
    for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
    let sum = 0;
    for (let c = 0; c < z.length; c++) {
        const e = Math.exp(z[c]! - max);
        z[c] = e;
        sum += e;
    }
    for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum;
    return z;
}
