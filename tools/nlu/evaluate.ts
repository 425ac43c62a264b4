// Trains on one set and scores on another (or cross-validates), timing both: what `nlu eval`
// prints and what the benchmarks record.
import { z } from 'zod';
import type { TrainIntentClassifierOptions } from '../../bot/nlu/classifierOptions';
import type { TrainingExample } from '../../bot/nlu/classification';
import { stratifiedFolds } from './crossValidation';
import { decide, trainIntentClassifier, type IntentClassifier, type Prediction } from '../../bot/nlu/intentClassifier';
import { accuracy, inScopeAccuracy, macroF1, oosRecall, topConfusions } from './metrics';
import { tuneThreshold } from './threshold';
import { withWordVectors } from './wordVectors';

export const evaluationResultSchema = z.object({
    accuracy: z.number(),
    macroF1: z.number(),
    /** Training time (featurising included), in milliseconds; the mean per fold when cross-validating. */
    trainMs: z.number(),
    /** Classification time per test utterance, featurising included. */
    msPerUtterance: z.number(),
    /** Examples trained on (the mean per fold when cross-validating). */
    trainExamples: z.number().int(),
    testExamples: z.number().int(),
    /** Only with an out-of-scope label (Larson et al. 2019). */
    inScopeAccuracy: z.number().optional(),
    oosRecall: z.number().optional(),
    /** The out-of-scope threshold used: tuned on the validation set when there is one. */
    threshold: z.number().optional(),
    thresholdSource: z.enum(['validation', 'default']).optional(),
    folds: z.number().int().optional(),
    /** The most frequent mistakes, to see which intents' examples overlap. */
    confusions: z.array(z.object({ gold: z.string(), predicted: z.string(), count: z.number().int() }))
});

export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

export interface EvaluationSetup {
    /** The label of out-of-scope examples; without it every answer is simply the most probable intent. */
    oosLabel?: string;
    /** Drop out-of-scope examples from training (Larson's "oos-threshold" setting). */
    excludeOosFromTraining?: boolean;
    options?: TrainIntentClassifierOptions;
}

interface Scored {
    gold: string[];
    predicted: string[];
    trainMs: number;
    classifyMs: number;
    trainExamples: number;
    threshold?: number;
    thresholdSource?: 'validation' | 'default';
}

function trainTimed(train: readonly TrainingExample[], setup: EvaluationSetup): { classifier: IntentClassifier; ms: number; examples: number } {
    const kept = setup.excludeOosFromTraining && setup.oosLabel ? train.filter((e) => e.intent !== setup.oosLabel) : train;
    const started = performance.now();
    const options = withWordVectors(kept.length, { ...setup.options, outOfScopeIntent: setup.oosLabel ?? setup.options?.outOfScopeIntent });
    const classifier = trainIntentClassifier(kept, options);
    return { classifier, ms: performance.now() - started, examples: kept.length };
}

function predictTimed(classifier: IntentClassifier, test: readonly TrainingExample[]): { predictions: Prediction[]; ms: number } {
    const started = performance.now();
    const predictions = test.map((e) => classifier.predict(e.text));
    return { predictions, ms: performance.now() - started };
}

function label(prediction: Prediction, setup: EvaluationSetup, threshold: number): string {
    if (setup.oosLabel === undefined) return prediction.ranked[0]?.intent ?? '';
    return decide(prediction, setup.oosLabel, threshold).intent;
}

function summarise(scored: Scored, setup: EvaluationSetup, folds?: number): EvaluationResult {
    const { gold, predicted } = scored;
    const result: EvaluationResult = {
        accuracy: accuracy(gold, predicted),
        macroF1: macroF1(gold, predicted),
        trainMs: scored.trainMs,
        msPerUtterance: gold.length ? scored.classifyMs / gold.length : 0,
        trainExamples: scored.trainExamples,
        testExamples: gold.length,
        confusions: topConfusions(gold, predicted)
    };
    if (folds !== undefined) result.folds = folds;
    if (setup.oosLabel !== undefined) {
        result.inScopeAccuracy = inScopeAccuracy(gold, predicted, setup.oosLabel);
        result.oosRecall = oosRecall(gold, predicted, setup.oosLabel);
        if (scored.threshold !== undefined) result.threshold = scored.threshold;
        if (scored.thresholdSource !== undefined) result.thresholdSource = scored.thresholdSource;
    }
    return result;
}

/** Train on `train`, tune the out-of-scope threshold on `val` (if given), score on `test`. */
export function evaluate(
    train: readonly TrainingExample[],
    test: readonly TrainingExample[],
    setup: EvaluationSetup = {},
    val?: readonly TrainingExample[]
): EvaluationResult {
    const { classifier, ms: trainMs, examples: trainExamples } = trainTimed(train, setup);
    let threshold = classifier.threshold;
    let thresholdSource: 'validation' | 'default' = 'default';
    if (val && val.length > 0 && setup.oosLabel !== undefined) {
        const valPredictions = val.map((e) => classifier.predict(e.text));
        threshold = tuneThreshold(valPredictions, val.map((e) => e.intent), setup.oosLabel).threshold;
        thresholdSource = 'validation';
    }
    const { predictions, ms: classifyMs } = predictTimed(classifier, test);
    return summarise(
        {
            gold: test.map((e) => e.intent),
            predicted: predictions.map((p) => label(p, setup, threshold)),
            trainMs,
            classifyMs,
            trainExamples,
            threshold,
            thresholdSource
        },
        setup
    );
}

export interface CrossValidationResult extends EvaluationResult {
    /** The threshold that would have been best on the pooled held-out folds: a check on the default, not used above. */
    bestThreshold?: number;
}

/** Stratified k-fold cross-validation with the default threshold; trainMs is the mean per fold. */
export function crossValidate(
    examples: readonly TrainingExample[],
    setup: EvaluationSetup = {},
    folds = 5,
    seed = 20250101,
    onFold?: (done: number, total: number) => void
): CrossValidationResult {
    const foldOf = stratifiedFolds(examples.map((e) => e.intent), folds, seed);
    const gold: string[] = [];
    const predicted: string[] = [];
    const predictions: Prediction[] = [];
    let trainMs = 0;
    let classifyMs = 0;
    let threshold = 0;
    let trainExamples = 0;
    for (let fold = 0; fold < folds; fold++) {
        const train = examples.filter((_, i) => foldOf[i] !== fold);
        const test = examples.filter((_, i) => foldOf[i] === fold);
        const trained = trainTimed(train, setup);
        threshold = trained.classifier.threshold;
        const held = predictTimed(trained.classifier, test);
        trainMs += trained.ms;
        trainExamples += trained.examples;
        classifyMs += held.ms;
        test.forEach((e, i) => {
            gold.push(e.intent);
            predicted.push(label(held.predictions[i]!, setup, threshold));
            predictions.push(held.predictions[i]!);
        });
        onFold?.(fold + 1, folds);
    }
    const result: CrossValidationResult = summarise(
        {
            gold,
            predicted,
            trainMs: trainMs / folds,
            classifyMs,
            trainExamples: Math.round(trainExamples / folds),
            threshold,
            thresholdSource: 'default'
        },
        setup,
        folds
    );
    if (setup.oosLabel !== undefined) result.bestThreshold = tuneThreshold(predictions, gold, setup.oosLabel).threshold;
    return result;
}
