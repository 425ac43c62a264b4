// One classifier of each kind per language, trained on the real knowledge base, shared by the
// behaviour tests (training takes a fraction of a second, but there is no need to do it per file).
import { trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import type { IntentClassifier } from '../../bot/nlu/intentClassifier';
import { trainReplyClassifierFromKnowledge, type ReplyClassifier } from '../../bot/nlu/replyClassifier';
import type { Language } from '../../knowledge/languages';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load';

let knowledgeBase: KnowledgeBase | undefined;
const trained = new Map<Language, IntentClassifier>();
const trainedReplies = new Map<Language, ReplyClassifier>();

/** The shipped knowledge in every language, loaded once. */
export function shippedKnowledge(): KnowledgeBase {
    knowledgeBase ??= loadKnowledgeBase();
    return knowledgeBase;
}

export function knowledgeClassifier(language: Language = 'en'): IntentClassifier {
    let classifier = trained.get(language);
    if (!classifier) trained.set(language, (classifier = trainFromKnowledge(shippedKnowledge()[language], { language })));
    return classifier;
}

export function knowledgeReplyClassifier(language: Language = 'en'): ReplyClassifier {
    let classifier = trainedReplies.get(language);
    if (!classifier) trainedReplies.set(language, (classifier = trainReplyClassifierFromKnowledge(shippedKnowledge()[language], { language })));
    return classifier;
}
