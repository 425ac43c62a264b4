// Parses `nlu` command lines into a checked request; every mistake becomes a UsageError whose
// message says what is wrong and what to do instead.
import { languages, languageSchema, type Language } from '../../knowledge/languages';

export const usage = `usage: npm run --silent nlu -- <command> [--language ${languages.join('|')}]
  classify                 read one utterance a line on stdin, print one JSON object a line
                           ({"text", "intent", "score", "alternatives"}), trained on knowledge/intents
                           (knowledge/de/intents with --language de)
  eval [--train F] [--test F] [--val F] [--oos-label L] [--exclude-oos]
                           train on F (JSON lines {"text","intent","split"}; lines with split "test"
                           are the test set when --test is omitted), tune the out-of-scope threshold
                           on --val, print the scores as one JSON line; with no files, 5-fold
                           cross-validation of the knowledge base (out of scope: "none")
                           --exclude-oos drops the --oos-label examples from training
  --language L             the language of the utterances (English by default): German words and
                           stems with de, and the knowledge base's German intents`;

export class UsageError extends Error {
    override name = 'UsageError';
}

export type CliRequest =
    | { command: 'help' }
    | { command: 'classify'; language?: Language }
    | { command: 'eval'; train?: string; test?: string; val?: string; oosLabel?: string; excludeOos: boolean; language?: Language };

const evalValueOptions = ['--train', '--test', '--val', '--oos-label', '--language'] as const;
type EvalValueOption = (typeof evalValueOptions)[number];

export function parseCliArgs(argv: readonly string[]): CliRequest {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('no command given: use `classify` or `eval` (`--help` lists their options)');
    if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
    if (command === 'classify') {
        const [flag, value, ...extra] = rest;
        if (rest.length === 0) return { command: 'classify' };
        if (flag === '--language' && extra.length === 0) return { command: 'classify', language: parseLanguage(value) };
        if (flag?.startsWith('--language=') && rest.length === 1) return { command: 'classify', language: parseLanguage(flag.slice('--language='.length)) };
        throw new UsageError(`classify takes no arguments but --language L (got ${rest.join(' ')}): pipe utterances to its stdin`);
    }
    if (command !== 'eval') throw new UsageError(`unknown command ${JSON.stringify(command)}: use \`classify\` or \`eval\``);

    const values: Partial<Record<EvalValueOption, string>> = {};
    let excludeOos = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i]!;
        if (arg === '--help' || arg === '-h') return { command: 'help' };
        if (arg === '--exclude-oos') {
            excludeOos = true;
            continue;
        }
        const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
        if (!(evalValueOptions as readonly string[]).includes(name)) {
            throw new UsageError(
                `unknown eval argument ${JSON.stringify(arg)}: eval takes --train F, --test F, --val F, --oos-label L, --exclude-oos and --language L`
            );
        }
        const option = name as EvalValueOption;
        const value = inline ?? rest[++i];
        if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
            throw new UsageError(`${option} needs a value: ${valueHint(option)}`);
        }
        if (values[option] !== undefined) throw new UsageError(`${option} given twice: give it once`);
        values[option] = value;
    }
    if ((values['--test'] || values['--val']) && !values['--train']) {
        throw new UsageError('--test and --val need --train F: the file to train on');
    }
    if (values['--val'] && !values['--oos-label']) {
        throw new UsageError('--val is for tuning the out-of-scope threshold: add --oos-label L (the intent of out-of-scope examples)');
    }
    if (excludeOos && !values['--oos-label']) throw new UsageError('--exclude-oos needs --oos-label L: the intent to drop from training');
    const request: CliRequest = { command: 'eval', excludeOos };
    if (values['--train']) request.train = values['--train'];
    if (values['--test']) request.test = values['--test'];
    if (values['--val']) request.val = values['--val'];
    if (values['--oos-label']) request.oosLabel = values['--oos-label'];
    if (values['--language']) request.language = parseLanguage(values['--language']);
    return request;
}

function valueHint(option: EvalValueOption): string {
    if (option === '--oos-label') return 'the intent name of out-of-scope examples, e.g. --oos-label oos';
    if (option === '--language') return `one of ${languages.join(', ')}, e.g. --language de`;
    return `a JSON-lines file, e.g. ${option} data.jsonl`;
}

function parseLanguage(value: string | undefined): Language {
    const parsed = languageSchema.safeParse(value);
    if (!parsed.success) throw new UsageError(`--language ${value ?? ''} is not a language the bot speaks: use one of ${languages.join(', ')}`);
    return parsed.data;
}
