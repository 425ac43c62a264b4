// Classification time per turn: times IntentClassifier.classify (what understandTurn calls once
// a turn) on every training utterance of the knowledge base, several passes after a warm-up pass.
// Prints one JSON object. Runs as a process of its own so nothing else competes in it.
import { trainFromKnowledge } from '../../../bot/nlu/knowledgeExamples';
import { loadKnowledge } from '../../../knowledge/load';
import { trainingExamples } from '../../../knowledge/trainingExamples';
import { percentile } from './driveTurns';

export interface ClassifyTiming {
    utterances: number;
    passes: number;
    medianMs: number;
    p99Ms: number;
    meanMs: number;
    trainMs: number;
}

export function timeClassification(passes = 5): ClassifyTiming {
    const knowledge = loadKnowledge();
    const examples = trainingExamples(knowledge);
    const startedTraining = performance.now();
    const classifier = trainFromKnowledge(knowledge);
    const trainMs = performance.now() - startedTraining;
    const texts = examples.map((e) => e.text);
    for (const text of texts) classifier.classify(text); // warm-up: JIT and spelling caches
    const times: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
        for (const text of texts) {
            const started = performance.now();
            classifier.classify(text);
            times.push(performance.now() - started);
        }
    }
    return {
        utterances: texts.length,
        passes,
        medianMs: percentile(times, 50),
        p99Ms: percentile(times, 99),
        meanMs: times.reduce((a, b) => a + b, 0) / times.length,
        trainMs
    };
}

if (require.main === module) {
    process.stdout.write(JSON.stringify(timeClassification(Number(process.argv[2] ?? 5))) + '\n');
}
