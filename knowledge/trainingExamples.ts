// The knowledge base as training data for the intent classifier: labelled utterances, and the
// lookup tables in the shape the classifier's options take.
import type { Knowledge } from './load';

export function trainingExamples(knowledge: Pick<Knowledge, 'intents'>): { text: string; intent: string }[] {
    return knowledge.intents.flatMap((i) => i.utterances.map((text) => ({ text, intent: i.intent })));
}

export function lookupTables(knowledge: Pick<Knowledge, 'lookups'>): { name: string; entries: string[] }[] {
    return knowledge.lookups.map((table) => ({ name: table.lookup, entries: table.entries }));
}
