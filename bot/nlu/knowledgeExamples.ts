// The knowledge base's intent utterances, and a classifier trained on them for bot start-up.
//
// Only knowledge/intents/ is read here (validated by the same schema as knowledge/load.ts), so
// the classifier and `nlu classify` keep working while an article or the replies file is being
// edited. A caller that has already run `loadKnowledge()` passes `trainingExamples(knowledge)`
// instead and nothing is read twice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { intentExamplesSchema } from '../../knowledge/schema';
import type { TrainIntentClassifierOptions } from './classifierOptions';
import type { TrainingExample } from './classification';
import { trainIntentClassifier, type IntentClassifier } from './intentClassifier';

/** knowledge/intents from the source tree, also when running the build under dist/. */
export function defaultIntentsDir(): string {
    const candidates = [join(__dirname, '..', '..', 'knowledge', 'intents'), join(__dirname, '..', '..', '..', 'knowledge', 'intents')];
    return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export class KnowledgeUnavailableError extends Error {
    override name = 'KnowledgeUnavailableError';
}

export function loadIntentExamples(dir: string = defaultIntentsDir()): TrainingExample[] {
    const shown = relative(process.cwd(), dir) || dir;
    let files: string[];
    try {
        files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
    } catch {
        throw new KnowledgeUnavailableError(`cannot read ${shown}: the intent examples (one YAML file per intent) belong there`);
    }
    if (files.length === 0) throw new KnowledgeUnavailableError(`${shown} has no .yaml files: add one file per intent`);
    return files.flatMap((name) => {
        const file = join(dir, name);
        let raw: unknown;
        try {
            raw = parseYaml(readFileSync(file, 'utf8'));
        } catch (err) {
            throw new KnowledgeUnavailableError(`${join(shown, name)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        }
        const parsed = intentExamplesSchema.safeParse(raw);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new KnowledgeUnavailableError(`${join(shown, name)}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`);
        }
        return parsed.data.utterances.map((text) => ({ text, intent: parsed.data.intent }));
    });
}

/** What the bot trains at start-up: about 0.2 s for the ~600 utterances of the knowledge base. */
export function trainFromKnowledge(
    examples: readonly TrainingExample[] = loadIntentExamples(),
    options: TrainIntentClassifierOptions = {}
): IntentClassifier {
    return trainIntentClassifier(examples, options);
}
