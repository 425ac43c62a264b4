// A classifier trained on the knowledge base's intent utterances, for bot start-up, `nlu classify`
// and the benchmarks. The utterances come from the project's one loader (knowledge/load.ts, which
// validates the whole knowledge folder and throws a KnowledgeError naming every problem) through
// knowledge/trainingExamples.ts; nothing here reads the YAML files itself.
import { loadKnowledge } from '../../knowledge/load';
import { trainingExamples } from '../../knowledge/trainingExamples';
import type { TrainIntentClassifierOptions } from './classifierOptions';
import type { TrainingExample } from './classification';
import { trainIntentClassifier, type IntentClassifier } from './intentClassifier';

/**
 * What the bot trains at start-up. Pass `trainingExamples(knowledge)` when the knowledge base is
 * already loaded, so nothing is read twice; by default it is loaded (and validated) here.
 */
export function trainFromKnowledge(
    examples: readonly TrainingExample[] = trainingExamples(loadKnowledge()),
    options: TrainIntentClassifierOptions = {}
): IntentClassifier {
    return trainIntentClassifier(examples, options);
}
