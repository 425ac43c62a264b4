// The classifier the dialogs use: features + softmax regression + the out-of-scope decision.
import {
    classifierOptionsSchema,
    defaultEpochs,
    defaultMinDocumentFrequency,
    type ClassifierOptions,
    type TrainIntentClassifierOptions
} from './classifierOptions';
import { trainingExampleSchema, type Classification, type IntentScore, type TrainingExample } from './classification';
import { Featurizer } from './featurize';
import { SoftmaxRegression } from './softmaxRegression';

/** Everything the model says about a text, before the out-of-scope decision. */
export interface Prediction {
    /** Every trained intent (out of scope included, if trained) with its probability, most probable first. */
    ranked: IntentScore[];
    /** Tokens of the text that occur in the training data (after spelling correction). */
    knownTokens: number;
}

/**
 * The highest threshold at which the top intent is still accepted: its probability, or -Infinity
 * when the text has no known word or out of scope is itself the most probable class.
 */
export function acceptanceScore(prediction: Prediction, outOfScopeIntent: string): number {
    const top = prediction.ranked[0];
    if (prediction.knownTokens === 0 || !top || top.intent === outOfScopeIntent) return -Infinity;
    return top.score;
}

/**
 * Out of scope when the text has no known word, when out of scope is the most probable class,
 * or when the most probable intent is below the threshold.
 */
export function decide(prediction: Prediction, outOfScopeIntent: string, threshold: number): Classification {
    if (prediction.knownTokens === 0) return { intent: outOfScopeIntent, score: 1, alternatives: [] };
    const inScope = prediction.ranked.filter((s) => s.intent !== outOfScopeIntent);
    const alternatives = inScope.slice(0, 3);
    const top = prediction.ranked[0]!;
    if (acceptanceScore(prediction, outOfScopeIntent) < threshold) {
        return { intent: outOfScopeIntent, score: clamp01(1 - (inScope[0]?.score ?? 0)), alternatives };
    }
    return { intent: top.intent, score: top.score, alternatives };
}

function clamp01(x: number): number {
    return Math.min(1, Math.max(0, x));
}

export class IntentClassifier {
    constructor(
        private readonly featurizer: Featurizer,
        private readonly model: SoftmaxRegression,
        /** The trained labels, in the model's class order. */
        readonly intents: readonly string[],
        readonly outOfScopeIntent: string,
        readonly threshold: number
    ) {}

    predict(text: string): Prediction {
        const { vector, knownTokens } = this.featurizer.transform(text);
        const probabilities = this.model.probabilities(vector);
        const ranked = this.intents
            .map((intent, c) => ({ intent, score: clamp01(probabilities[c] ?? 0) }))
            .sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
        return { ranked, knownTokens };
    }

    classify(text: string): Classification {
        return decide(this.predict(text), this.outOfScopeIntent, this.threshold);
    }

    /** The same model with another out-of-scope threshold (no retraining). */
    withThreshold(threshold: number): IntentClassifier {
        return new IntentClassifier(this.featurizer, this.model, this.intents, this.outOfScopeIntent, threshold);
    }
}

export function trainIntentClassifier(
    examples: readonly TrainingExample[],
    options: TrainIntentClassifierOptions = {}
): IntentClassifier {
    const settings: ClassifierOptions = classifierOptionsSchema.parse(options);
    const valid = examples.map((example) => trainingExampleSchema.parse(example));
    if (valid.length === 0) throw new Error('trainIntentClassifier needs at least one example');

    const intents = [...new Set(valid.map((e) => e.intent))].sort();
    const classOf = new Map(intents.map((intent, c) => [intent, c]));
    const featurizer = new Featurizer({
        minCharGram: settings.minCharGram,
        maxCharGram: settings.maxCharGram,
        minDocumentFrequency: settings.minDocumentFrequency ?? defaultMinDocumentFrequency(valid.length),
        charWeight: settings.charWeight,
        correctSpelling: settings.correctSpelling
    });
    const vectors = featurizer.fit(valid.map((e) => e.text));
    const labels = Int32Array.from(valid.map((e) => classOf.get(e.intent)!));
    const counts = new Map<number, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    const exampleWeights = settings.balanceClasses
        ? Float64Array.from(labels, (label) => valid.length / (intents.length * counts.get(label)!))
        : undefined;
    const epochs = settings.epochs ?? defaultEpochs(valid.length);
    const model = SoftmaxRegression.train(
        vectors,
        labels,
        featurizer.size,
        intents.length,
        { epochs, learningRate: settings.learningRate, l2: settings.l2, seed: settings.seed, optimizer: settings.optimizer, exampleWeights },
        options.onProgress && ((done) => options.onProgress?.(done, epochs))
    );
    return new IntentClassifier(featurizer, model, intents, settings.outOfScopeIntent, settings.threshold);
}
