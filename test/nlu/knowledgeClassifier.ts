// One classifier of each kind trained on the real knowledge base, shared by the behaviour tests
// (training takes a fraction of a second, but there is no need to do it per file).
import { trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import type { IntentClassifier } from '../../bot/nlu/intentClassifier';
import { trainReplyClassifierFromKnowledge, type ReplyClassifier } from '../../bot/nlu/replyClassifier';

let trained: IntentClassifier | undefined;
let trainedReplies: ReplyClassifier | undefined;

export function knowledgeClassifier(): IntentClassifier {
    trained ??= trainFromKnowledge();
    return trained;
}

export function knowledgeReplyClassifier(): ReplyClassifier {
    trainedReplies ??= trainReplyClassifierFromKnowledge();
    return trainedReplies;
}
