// One classifier trained on the real knowledge base, shared by the behaviour tests (training
// takes a fraction of a second, but there is no need to do it per file).
import { trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import type { IntentClassifier } from '../../bot/nlu/intentClassifier';

let trained: IntentClassifier | undefined;

export function knowledgeClassifier(): IntentClassifier {
    trained ??= trainFromKnowledge();
    return trained;
}
