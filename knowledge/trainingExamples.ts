// The knowledge base's utterances as labelled examples for the intent classifier.
import type { Knowledge } from './load';

export function trainingExamples(knowledge: Pick<Knowledge, 'intents'>): { text: string; intent: string }[] {
    return knowledge.intents.flatMap((i) => i.utterances.map((text) => ({ text, intent: i.intent })));
}
