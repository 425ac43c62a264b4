// npm run report -- [--file FILE] [--json] [--chart FILE.svg] [--top N]
// Reads the feedback records where the bot's configuration puts them (STORAGE=blobs or cosmos:
// the shared store, with the same settings as the bot; otherwise DATA_DIR/feedback.jsonl), or
// the file --file names, and prints the resolution funnel and rates, how replies to each question
// were taken, and the comments; see analyse.ts for the definitions.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { feedbackFile, sharedFeedbackLog, type SharedFeedbackLog } from '../feedback/createFeedbackLog';
import { FeedbackStoreUnreachable } from '../feedback/storeUnreachable';
import { loadKnowledge, type Knowledge } from '../../knowledge/load';
import { analyse } from './analyse';
import { funnelChartSvg, percent } from './chartSvg';
import { formatText } from './formatText';
import { readRecords } from './readRecords';

export const usage = `Usage: npm run report -- [--file FILE] [--json] [--chart FILE.svg] [--top N]
  --file FILE       feedback records, one JSON object a line (default: where STORAGE keeps them:
                    the shared store for blobs and cosmos, else DATA_DIR/feedback.jsonl)
  --json            print one JSON object instead of text
  --chart FILE.svg  also write the fix-step funnel as an SVG bar chart
  --top N           how many unrecognised messages to list (default 10)`;

export interface CliIo {
    out(text: string): void;
    err(text: string): void;
    env?: Record<string, string | undefined>;
    /** When a read from the shared store starts showing progress, and how often (ms; tests shorten them). */
    progress?: { afterMs: number; everyMs: number };
}

/** Runs the report; resolves with the exit code (0 done, 1 no such file or unreadable, 2 bad arguments). */
export async function runReport(argv: string[], io: CliIo): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                file: { type: 'string' },
                json: { type: 'boolean', default: false },
                chart: { type: 'string' },
                top: { type: 'string' },
                help: { type: 'boolean', short: 'h', default: false }
            },
            strict: true,
            allowPositionals: false
        }));
    } catch (err) {
        io.err(`${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
        return 2;
    }
    if (values.help) {
        io.out(usage + '\n');
        return 0;
    }
    const top = values.top === undefined ? 10 : Number(values.top);
    if (!Number.isInteger(top) || top < 0) {
        io.err(`--top must be a whole number, not "${values.top}"\n${usage}\n`);
        return 2;
    }

    let file = values.file;
    let shared: SharedFeedbackLog | undefined;
    if (file === undefined) {
        let config;
        try {
            config = loadConfig(io.env ?? process.env);
        } catch (err) {
            if (!(err instanceof ConfigError)) throw err;
            io.err(`${err.message}\nOr name the records file with --file.\n`);
            return 1;
        }
        file = feedbackFile(config);
        try {
            shared = sharedFeedbackLog(config);
        } catch (err) {
            // The SDKs refuse a malformed connection string or endpoint when the client is made.
            const blobs = config.BLOB_ACCOUNT_URL ? 'BLOB_ACCOUNT_URL' : 'BLOB_CONNECTION_STRING';
            const settings = config.STORAGE === 'blobs' ? blobs : config.COSMOS_KEY ? 'COSMOS_ENDPOINT and COSMOS_KEY' : 'COSMOS_ENDPOINT';
            io.err(`STORAGE=${config.STORAGE}: ${settings} cannot be used (${err instanceof Error ? err.message : String(err)}).\nOr name the records file with --file.\n`);
            return 1;
        }
    }
    const source = shared?.where ?? file;
    let read;
    try {
        read = shared ? await readShared(shared, io) : await readRecords(file);
    } catch (err) {
        if (err instanceof FeedbackStoreUnreachable) {
            io.err(`${err.message}\nOr read a file of records with --file.\n`);
            return 1;
        }
        if (shared) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        io.err(code === 'ENOENT' ? `No feedback records at ${file} (no case has closed yet, or pass --file).\n` : `Cannot read ${file}: ${(err as Error).message}\n`);
        return 1;
    }
    if (shared && read.records.length === 0 && read.skippedLines === 0) {
        io.err(`No feedback records in ${source} yet (no case has closed yet, or the bot writes them elsewhere: check STORAGE and its settings).\n`);
        return 1;
    }

    let knowledge: Knowledge | undefined;
    try {
        knowledge = loadKnowledge();
    } catch (err) {
        // The figures still add up without it; only titles and the abandoned step need it.
        io.err(`The knowledge base did not load, so steps show as ids and abandoned steps are not inferred: ${(err as Error).message.split('\n')[0]}\n`);
    }
    const report = analyse(read.records, { knowledge, top, skippedLines: read.skippedLines });

    if (values.chart) {
        const subtitle = `${source} · ${report.overall.cases} cases · containment ${percent(report.overall.containmentRate)} · escalation ${percent(report.overall.escalationRate)} · ${new Date().toISOString().slice(0, 10)}`;
        await mkdir(dirname(values.chart), { recursive: true });
        await writeFile(values.chart, funnelChartSvg(report, { subtitle }));
    }
    if (values.json) io.out(JSON.stringify({ ...(shared ? { store: source } : { file }), ...report, ...(values.chart ? { chart: values.chart } : {}) }) + '\n');
    else io.out(formatText(report, source) + (values.chart ? `\nChart written to ${values.chart}\n` : ''));
    return 0;
}

// A report over a long history downloads many records: say where from at once, then how far it
// has got every few seconds, so a slow read is not mistaken for a hang.
async function readShared(log: SharedFeedbackLog, io: CliIo) {
    const { afterMs, everyMs } = io.progress ?? { afterMs: 1000, everyMs: 3000 };
    io.err(`Reading the feedback records from ${log.where}…\n`);
    let nextAt = Date.now() + afterMs;
    return log.read((done, total) => {
        const now = Date.now();
        if (now < nextAt) return;
        nextAt = now + everyMs;
        io.err(`  ${done} of ${total} read…\n`);
    });
}

if (require.main === module) {
    runReport(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            console.error(err instanceof Error ? err.message : err);
            process.exitCode = 1;
        }
    );
}
