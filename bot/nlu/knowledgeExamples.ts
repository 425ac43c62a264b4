// A classifier trained on the knowledge base, for bot start-up, `nlu classify` and the
// benchmarks: its intent utterances and its lookup tables, from the project's one loader
// (knowledge/load.ts, which validates the whole knowledge folder and throws a KnowledgeError
// naming every problem). Nothing here reads the YAML files itself.
import { loadKnowledge, type Knowledge } from '../../knowledge/load';
import { lookupTables, trainingExamples } from '../../knowledge/trainingExamples';
import type { TrainIntentClassifierOptions } from './classifierOptions';
import { trainIntentClassifier, type IntentClassifier } from './intentClassifier';

type TrainingKnowledge = Pick<Knowledge, 'intents' | 'lookups'>;

/** The options the knowledge base adds to training (its lookup tables); cross-validation uses them too. */
export function knowledgeClassifierOptions(knowledge: TrainingKnowledge): TrainIntentClassifierOptions {
    return { lookups: lookupTables(knowledge) };
}

/** What the bot trains at start-up. Pass the knowledge base when it is already loaded, so nothing is read twice. */
export function trainFromKnowledge(knowledge: TrainingKnowledge = loadKnowledge(), options: TrainIntentClassifierOptions = {}): IntentClassifier {
    return trainIntentClassifier(trainingExamples(knowledge), { ...knowledgeClassifierOptions(knowledge), ...options });
}
