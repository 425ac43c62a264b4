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
    /** Tokens of the text, known or not. */
    tokens: number;
    /** The lookup tables the text names an entry of (none when absent). */
    lookups?: string[];
}

/**
 * The highest threshold at which the best in-scope intent is still accepted: how much its
 * probability exceeds that of out of scope (0 when out of scope is not trained; negative when out
 * of scope is the more probable), times the share of the text's words seen in training (after
 * spelling correction), so a text that is half unknown words needs twice the margin; -Infinity
 * when the text has no known word.
 */
export function acceptanceScore(prediction: Prediction, outOfScopeIntent: string): number {
    if (prediction.knownTokens === 0) return -Infinity;
    let best: number | undefined;
    let outOfScope = 0;
    for (const s of prediction.ranked) {
        if (s.intent === outOfScopeIntent) outOfScope = s.score;
        else best ??= s.score;
    }
    if (best === undefined) return -Infinity;
    return (best - outOfScope) * (prediction.knownTokens / Math.max(prediction.knownTokens, prediction.tokens));
}

/**
 * Out of scope when the text has no known word, or when the acceptance score (see above) of the
 * best in-scope intent is below the threshold.
 */
export function decide(prediction: Prediction, outOfScopeIntent: string, threshold: number): Classification {
    const named = prediction.lookups?.length ? { lookups: prediction.lookups } : {};
    if (prediction.knownTokens === 0) return { intent: outOfScopeIntent, score: 1, alternatives: [], ...named };
    const inScope = prediction.ranked.filter((s) => s.intent !== outOfScopeIntent);
    const alternatives = inScope.slice(0, 3);
    const best = inScope[0];
    if (!best || acceptanceScore(prediction, outOfScopeIntent) < threshold) {
        return { intent: outOfScopeIntent, score: clamp01(1 - (best?.score ?? 0)), alternatives, ...named };
    }
    return { intent: best.intent, score: best.score, alternatives, ...named };
}

function clamp01(x: number): number {
    return Math.min(1, Math.max(0, x));
}

export class IntentClassifier {
    constructor(
        private readonly featurizer: Featurizer,
        /** Trained with different seeds on the same features; their probabilities are averaged. */
        private readonly models: readonly SoftmaxRegression[],
        /** The trained labels, in the model's class order. */
        readonly intents: readonly string[],
        readonly outOfScopeIntent: string,
        readonly threshold: number
    ) {}

    predict(text: string): Prediction {
        const { vector, knownTokens, tokens, lookups } = this.featurizer.transform(text);
        const probabilities = this.models[0]!.probabilities(vector);
        for (let m = 1; m < this.models.length; m++) {
            const more = this.models[m]!.probabilities(vector);
            for (let c = 0; c < probabilities.length; c++) probabilities[c] = probabilities[c]! + more[c]!;
        }
        if (this.models.length > 1) for (let c = 0; c < probabilities.length; c++) probabilities[c] = probabilities[c]! / this.models.length;
        const ranked = this.intents
            .map((intent, c) => ({ intent, score: clamp01(probabilities[c] ?? 0) }))
            .sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
        return { ranked, knownTokens, tokens, lookups };
    }

    classify(text: string): Classification {
        return decide(this.predict(text), this.outOfScopeIntent, this.threshold);
    }

    /** The same model with another out-of-scope threshold (no retraining). */
    withThreshold(threshold: number): IntentClassifier {
        return new IntentClassifier(this.featurizer, this.models, this.intents, this.outOfScopeIntent, threshold);
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
        language: settings.language,
        minCharGram: settings.minCharGram,
        maxCharGram: settings.maxCharGram,
        minDocumentFrequency: settings.minDocumentFrequency ?? defaultMinDocumentFrequency(valid.length),
        charWeight: settings.charWeight,
        correctSpelling: settings.correctSpelling,
        lookups: settings.lookups,
        lookupWeight: settings.lookupWeight,
        ...(options.wordVectors ? { wordVectors: options.wordVectors, vectorWeight: settings.vectorWeight } : {})
    });
    const vectors = featurizer.fit(valid.map((e) => e.text));
    const labels = Int32Array.from(valid.map((e) => classOf.get(e.intent)!));
    const counts = new Map<number, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    const exampleWeights = settings.balanceClasses
        ? Float64Array.from(labels, (label) => valid.length / (intents.length * counts.get(label)!))
        : undefined;
    const epochs = settings.epochs ?? defaultEpochs(valid.length);
    const { ensembleSize } = settings;
    const models = Array.from({ length: ensembleSize }, (_, m) =>
        SoftmaxRegression.train(
            vectors,
            labels,
            featurizer.size,
            intents.length,
            {
                epochs,
                learningRate: settings.learningRate,
                l2: settings.l2,
                seed: settings.seed + m,
                optimizer: settings.optimizer,
                exampleWeights,
                ...(settings.negligibleGradient !== undefined ? { negligibleGradient: settings.negligibleGradient } : {})
            },
            options.onProgress && ((done) => options.onProgress?.(m * epochs + done, ensembleSize * epochs))
        )
    );
    return new IntentClassifier(featurizer, models, intents, settings.outOfScopeIntent, settings.threshold);
}
