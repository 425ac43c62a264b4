// `npm run --silent nlu -- classify | eval ...`: stdout carries only JSON; problems go to stderr
// as one line, with exit code 2 for anything the caller can fix (arguments, files, knowledge).
import { createInterface } from 'node:readline';
import { parseCliArgs, usage, UsageError, type CliRequest } from './cliArgs';
import type { TrainingExample } from '../../bot/nlu/classification';
import { DatasetError, readJsonLines } from './datasets';
import { WordVectorsMissing } from './wordVectors';
import { crossValidate, evaluate, type EvaluationResult } from './evaluate';
import { KnowledgeError, loadKnowledge, loadKnowledgeBase } from '../../knowledge/load';
import { trainingExamples } from '../../knowledge/trainingExamples';
import { knowledgeClassifierOptions, trainFromKnowledge } from '../../bot/nlu/knowledgeExamples';
import { progressBar } from './progress';
import type { Language } from '../../knowledge/languages';

const knowledgeOosLabel = 'none';

/** The knowledge base's intents and lookup tables in the language asked for. */
function intentKnowledge(language: Language) {
    return language === 'en' ? loadKnowledge() : loadKnowledgeBase()[language];
}

async function classifyStdin(language: Language): Promise<void> {
    const classifier = trainFromKnowledge(intentKnowledge(language), { language });
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const text of lines) {
        process.stdout.write(`${JSON.stringify({ text, ...classifier.classify(text) })}\n`);
    }
}

/** Rounded so the line stays readable; 4 decimals is finer than any test set here can resolve. */
function rounded(result: EvaluationResult & { bestThreshold?: number }): Record<string, unknown> {
    const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
    const { confusions, ...figures } = result;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(figures)) {
        out[key] = typeof value === 'number' && !Number.isInteger(value) ? (key === 'trainMs' ? Math.round(value) : r4(value)) : value;
    }
    out.confusions = confusions;
    return out;
}

function splitTrainFile(file: string): { train: TrainingExample[]; test: TrainingExample[] } {
    const lines = readJsonLines(file);
    return { train: lines.filter((e) => e.split !== 'test'), test: lines.filter((e) => e.split === 'test') };
}

function runEval(request: Extract<CliRequest, { command: 'eval' }>): EvaluationResult {
    const language = request.language ?? 'en';
    if (!request.train) {
        const knowledge = intentKnowledge(language);
        const bar = progressBar('folds');
        try {
            const setup = { oosLabel: request.oosLabel ?? knowledgeOosLabel, options: { ...knowledgeClassifierOptions(knowledge), language } };
            return crossValidate(trainingExamples(knowledge), setup, 5, undefined, (done, total) => bar.update(done, total));
        } finally {
            bar.stop();
        }
    }
    const { train, test: embeddedTest } = splitTrainFile(request.train);
    const test = request.test ? readJsonLines(request.test) : embeddedTest;
    if (test.length === 0) throw new DatasetError(`${request.train} has no lines with "split": "test": give the test set with --test F`);
    if (train.length === 0) throw new DatasetError(`${request.train} has no training lines (all are "split": "test"): give a training file`);
    const val = request.val ? readJsonLines(request.val) : undefined;
    const bar = progressBar('epochs');
    try {
        const setup = {
            options: { language, onProgress: (done: number, total: number) => bar.update(done, total) },
            excludeOosFromTraining: request.excludeOos,
            ...(request.oosLabel !== undefined ? { oosLabel: request.oosLabel } : {})
        };
        return evaluate(train, test, setup, val);
    } finally {
        bar.stop();
    }
}

async function main(argv: readonly string[]): Promise<void> {
    const request = parseCliArgs(argv);
    if (request.command === 'help') {
        process.stdout.write(`${usage}\n`);
    } else if (request.command === 'classify') {
        await classifyStdin(request.language ?? 'en');
    } else {
        process.stdout.write(`${JSON.stringify(rounded(runEval(request)))}\n`);
    }
}

main(process.argv.slice(2)).catch((err: unknown) => {
    const fixable = err instanceof UsageError || err instanceof DatasetError || err instanceof KnowledgeError || err instanceof WordVectorsMissing;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`nlu: ${message.split('\n').join(' ')}\n`);
    process.exitCode = fixable ? 2 : 1;
});
