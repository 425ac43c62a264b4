// What the rest of the bot imports from the intent classifier.
export { classificationSchema, intentScoreSchema, trainingExampleSchema } from './classification';
export type { Classification, IntentScore, TrainingExample } from './classification';
export { classifierOptionsSchema, defaultThreshold } from './classifierOptions';
export type { TrainIntentClassifierOptions } from './classifierOptions';
export { IntentClassifier, trainIntentClassifier } from './intentClassifier';
export { trainFromKnowledge } from './knowledgeExamples';
