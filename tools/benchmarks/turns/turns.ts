// npm run bench:turns -- [--runs 3] [--conversations 10000] [--warmup 1024] [--connections 16]
//                        [--targets echo,file,blobs,cosmos] [--blobs-conversations N] [--write] [--json FILE]
//                        [--cpu-prof DIR] [--from A.json,B.json]
//
// Turn speed of the whole support bot against an echo bot on the same restify + CloudAdapter
// stack, on loopback, with delivery mode expectReplies. Each measurement runs the target in a
// fresh child process (so its memory is its own): warm-up conversations, a memory sample, the
// measured conversations in two halves with a memory sample after each. Targets:
//   echo   the ceiling (bench/echoBot.ts), MemoryStorage
//   file   startBot with STORAGE=file (LMDB) on a fresh temporary DATA_DIR
//   blobs  startBot with STORAGE=blobs on Azurite (from node_modules, in memory, fresh each time)
//   cosmos startBot with STORAGE=cosmos on @vercel/cosmosdb-server (in memory, fresh each time),
//          transcripts on Azurite as production requires (not in the default set)
//   cosmos-state  the same without transcripts (NODE_ENV=development): the state store's own share
//   memory startBot with STORAGE=memory (not in the default set: it isolates the store's share)
// Repeats everything `runs` times and reports medians; the bot/echo ratio is taken within each
// run, then the median. --write puts the table between the turn markers of BENCHMARKS.md.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../../../knowledge/load';
import { replaceSection } from './benchmarksFile';
import type { ClassifyTiming } from './classifyTiming';
import { benchPaths } from './conversationPaths';
import { driveTurns, percentile, type DriveResult } from './driveTurns';
import { startAzurite, type RunningAzurite } from '../../emulators/azurite';
import { startCosmosServer, type RunningCosmos } from '../../emulators/cosmosServer';
import type { FromTarget, MemorySample } from './serveTarget';

export type Target = 'echo' | 'dialogs' | 'file' | 'blobs' | 'cosmos' | 'cosmos-state' | 'memory';

export interface Measurement {
    target: Target;
    run: number;
    conversations: number;
    turns: number;
    seconds: number;
    turnsPerSecond: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
    /** The target's own CPU time per measured turn (user + system), in ms: robust to a noisy neighbour. */
    cpuMsPerTurn: number;
    failures: { non2xx: number; errors: number; timeouts: number; wrongEndings: number };
    /** After a full GC: after the warm-up, halfway, and after all conversations. */
    memory: { afterConversations: number; sample: MemorySample }[];
}

const root = join(__dirname, '..', '..', '..');
const tsxRequire = ['--require', 'tsx/cjs'];

function childEnv(extra: Record<string, string>): Record<string, string> {
    // Only what Node and the OS need, plus the bot's settings: a developer's own STORAGE or
    // PORT must not leak into a measurement.
    const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SystemRoot'];
    const env: Record<string, string> = {};
    for (const key of keep) if (process.env[key]) env[key] = process.env[key]!;
    return {
        ...env,
        DOTENV_CONFIG_QUIET: 'true',
        NODE_ENV: 'production',
        // Loopback without Bot Framework tokens: both targets skip authentication alike.
        ALLOW_UNAUTHENTICATED: 'true',
        PORT: '0',
        LOG_LEVEL: 'info',
        // Every simulated person comes from 127.0.0.1: a per-address limit would throttle the load generator, not a person.
        RATE_LIMIT_PER_ADDRESS: '1000000000',
        // The per-conversation limiter remembers each conversation for two windows. With the default
        // 60 s that is every conversation of the last two minutes, longer than a whole run here, so
        // its (bounded) memory would read as growth per conversation; 10 s lets it settle within the warm-up.
        RATE_LIMIT_WINDOW_SECONDS: '10',
        ...extra
    };
}

interface RunningTarget {
    url: string;
    memory(): Promise<MemorySample>;
    stop(): Promise<void>;
}

function startTarget(kind: 'echo' | 'dialogs' | 'bot', env: Record<string, string>, execArgv: string[]): Promise<RunningTarget> {
    const child: ChildProcess = fork(join(__dirname, 'serveTarget.ts'), [kind], {
        cwd: root,
        env,
        execArgv: ['--expose-gc', ...tsxRequire, ...execArgv],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc']
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const next = <T>(pick: (m: FromTarget) => T | undefined, timeoutMs = 120_000) =>
        new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the ${kind} target did not answer in time; stderr: ${stderr}`)), timeoutMs);
            const onMessage = (message: FromTarget) => {
                if ('failed' in message) {
                    clearTimeout(timer);
                    child.off('message', onMessage);
                    reject(new Error(`the ${kind} target failed: ${message.failed}`));
                    return;
                }
                const value = pick(message);
                if (value !== undefined) {
                    clearTimeout(timer);
                    child.off('message', onMessage);
                    resolve(value);
                }
            };
            child.on('message', onMessage);
            child.once('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`the ${kind} target exited (code ${code}); stderr: ${stderr}`));
            });
        });
    return next((m) => ('ready' in m ? m.url : undefined)).then((url) => ({
        url,
        memory: () => {
            const answer = next((m) => ('memory' in m ? m.memory : undefined));
            child.send({ cmd: 'memory' });
            return answer;
        },
        stop: async () => {
            const exited = new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once('exit', () => resolve());
            });
            child.send({ cmd: 'stop' });
            const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
            await exited;
            clearTimeout(timer);
        }
    }));
}

export interface BenchOptions {
    runs: number;
    conversations: number;
    warmup: number;
    connections: number;
    targets: Target[];
    /** Conversations for the blobs and cosmos targets, when they cannot do them all in the time at hand. */
    blobsConversations?: number;
    cpuProfDir?: string;
}

async function measure(target: Target, run: number, options: BenchOptions, log: (line: string) => void): Promise<Measurement> {
    const knowledge = loadKnowledge();
    const paths = benchPaths(knowledge);
    let azurite: RunningAzurite | undefined;
    let cosmos: RunningCosmos | undefined;
    let dataDir: string | undefined;
    let env: Record<string, string>;
    if (target === 'echo' || target === 'dialogs' || target === 'memory') {
        env = childEnv({ STORAGE: 'memory' });
    } else if (target === 'file') {
        dataDir = mkdtempSync(join(tmpdir(), 'bench-turns-data-'));
        env = childEnv({ STORAGE: 'file', DATA_DIR: dataDir });
    } else if (target === 'cosmos' || target === 'cosmos-state') {
        cosmos = await startCosmosServer();
        dataDir = mkdtempSync(join(tmpdir(), 'bench-turns-data-'));
        const cosmosSettings = {
            STORAGE: 'cosmos', COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key, COSMOS_DATABASE: 'bench', COSMOS_CONTAINER: 'state',
            // The emulator's throw-away certificate, trusted by this child only.
            NODE_EXTRA_CA_CERTS: cosmos.certificateFile,
            DATA_DIR: dataDir
        };
        if (target === 'cosmos') {
            azurite = await startAzurite();
            env = childEnv({ ...cosmosSettings, BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'bench' });
        } else {
            // Production refuses STORAGE=cosmos without blob transcripts; this measures the state store alone.
            env = childEnv({ ...cosmosSettings, NODE_ENV: 'development', LOCAL_DIRECT_LINE: 'false' });
        }
    } else {
        azurite = await startAzurite();
        dataDir = mkdtempSync(join(tmpdir(), 'bench-turns-data-'));
        env = childEnv({ STORAGE: 'blobs', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'bench', DATA_DIR: dataDir });
    }
    const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${target}-run${run}.cpuprofile`] : [];
    // echo and dialogs are reference bots that answer ": <message>"; the other targets are the support bot on a store.
    const reference = target === 'echo' || target === 'dialogs' ? target : undefined;
    const server = await startTarget(reference ?? 'bot', env, profile);
    try {
        const drive = (conversations: number, phase: string) =>
            driveTurns({ url: server.url, paths, conversations, connections: options.connections, check: reference ? 'echo' : 'bot', label: `${target}-${run}-${phase}` });
        const total = target === 'blobs' || target.startsWith('cosmos') ? options.blobsConversations ?? options.conversations : options.conversations;
        // A shortened blobs or cosmos measurement warms up on a quarter of its conversations.
        const warm = await drive(Math.min(options.warmup, Math.round(total / 4)), 'warm');
        let done = warm.conversations;
        const memory = [{ afterConversations: done, sample: await server.memory() }];
        const halves: DriveResult[] = [];
        const remaining = Math.max(options.connections, total - done);
        for (const [i, share] of [Math.floor(remaining / 2), remaining - Math.floor(remaining / 2)].entries()) {
            const half = await drive(share, `half${i}`);
            halves.push(half);
            done += half.conversations;
            memory.push({ afterConversations: done, sample: await server.memory() });
        }
        const latencies = halves.flatMap((h) => h.latenciesMs);
        const turns = halves.reduce((n, h) => n + h.turns, 0);
        const seconds = halves.reduce((n, h) => n + h.seconds, 0);
        const sum = (key: 'non2xx' | 'errors' | 'timeouts' | 'wrongEndings') => [warm, ...halves].reduce((n, h) => n + h[key], 0);
        const result: Measurement = {
            target,
            run,
            conversations: done,
            turns,
            seconds,
            turnsPerSecond: turns / seconds,
            p50Ms: percentile(latencies, 50),
            p90Ms: percentile(latencies, 90),
            p99Ms: percentile(latencies, 99),
            maxMs: percentile(latencies, 100),
            cpuMsPerTurn: (memory.at(-1)!.sample.cpuMs - memory[0]!.sample.cpuMs) / turns,
            failures: { non2xx: sum('non2xx'), errors: sum('errors'), timeouts: sum('timeouts'), wrongEndings: sum('wrongEndings') },
            memory
        };
        const mb = (b: number) => (b / 2 ** 20).toFixed(1);
        log(
            `run ${run} ${target.padEnd(5)}: ${result.turnsPerSecond.toFixed(0)} turns/s, CPU ${result.cpuMsPerTurn.toFixed(2)} ms/turn, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
                `RSS ${memory.map((m) => mb(m.sample.rss)).join(' -> ')} MiB, heap ${memory.map((m) => mb(m.sample.heapUsed)).join(' -> ')} MiB ` +
                `after ${memory.map((m) => m.afterConversations).join('/')} conversations; failures ${JSON.stringify(result.failures)}`
        );
        return result;
    } finally {
        await server.stop();
        await azurite?.stop();
        await cosmos?.stop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
}

function classificationTiming(): ClassifyTiming {
    const out = spawnSync(process.execPath, [...tsxRequire, join(__dirname, 'classifyTiming.ts'), '5'], { cwd: root, encoding: 'utf8', env: childEnv({}) });
    if (out.status !== 0) throw new Error(`classification timing failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ClassifyTiming;
}

const median = (values: number[]) => percentile(values, 50);

interface SavedResults {
    command: string;
    options: BenchOptions;
    classify: ClassifyTiming;
    measurements: Measurement[];
}

export interface Summary {
    target: Target;
    turnsPerSecond: number;
    ratioToEcho: number | null;
    p50Ms: number;
    p99Ms: number;
    cpuMsPerTurn: number;
    conversations: number;
    rssAfterMiB: number;
    rssGrowthMiBPer1000: number;
    heapAfterMiB: number;
    heapGrowthKiBPer1000: number;
    failures: number;
}

export function summarise(measurements: Measurement[]): Summary[] {
    const targets = [...new Set(measurements.map((m) => m.target))];
    return targets.map((target) => {
        const mine = measurements.filter((m) => m.target === target);
        const ratios = mine.flatMap((m) => {
            const echo = measurements.find((e) => e.target === 'echo' && e.run === m.run);
            return echo && target !== 'echo' ? [m.turnsPerSecond / echo.turnsPerSecond] : [];
        });
        const growth = (m: Measurement, key: 'rss' | 'heapUsed') => {
            const first = m.memory[0]!;
            const last = m.memory.at(-1)!;
            // Over fewer than 1,000 conversations a per-1,000 slope is noise: say nothing.
            if (last.afterConversations - first.afterConversations < 1000) return NaN;
            return ((last.sample[key] - first.sample[key]) / (last.afterConversations - first.afterConversations)) * 1000;
        };
        return {
            target,
            turnsPerSecond: median(mine.map((m) => m.turnsPerSecond)),
            ratioToEcho: ratios.length ? median(ratios) : null,
            p50Ms: median(mine.map((m) => m.p50Ms)),
            p99Ms: median(mine.map((m) => m.p99Ms)),
            cpuMsPerTurn: median(mine.map((m) => m.cpuMsPerTurn)),
            conversations: median(mine.map((m) => m.conversations)),
            rssAfterMiB: median(mine.map((m) => m.memory.at(-1)!.sample.rss / 2 ** 20)),
            rssGrowthMiBPer1000: median(mine.map((m) => growth(m, 'rss') / 2 ** 20)),
            heapAfterMiB: median(mine.map((m) => m.memory.at(-1)!.sample.heapUsed / 2 ** 20)),
            heapGrowthKiBPer1000: median(mine.map((m) => growth(m, 'heapUsed') / 1024)),
            failures: mine.reduce((n, m) => n + m.failures.non2xx + m.failures.errors + m.failures.timeouts + m.failures.wrongEndings, 0)
        };
    });
}

const targetNames: Record<Target, string> = {
    echo: 'echo bot (ceiling), MemoryStorage',
    dialogs: 'botbuilder-dialogs alone in the bot\'s shape (floor for any dialog bot), MemoryStorage',
    file: 'whole bot, `STORAGE=file` (LMDB)',
    blobs: 'whole bot, `STORAGE=blobs` (Azurite)',
    cosmos: 'whole bot, `STORAGE=cosmos` (@vercel/cosmosdb-server; transcripts on Azurite)',
    'cosmos-state': 'whole bot, `STORAGE=cosmos` (@vercel/cosmosdb-server), transcripts off: the state store alone',
    memory: 'whole bot, `STORAGE=memory` (no store: isolates the store\'s share)'
};

export function markdownSection(summaries: Summary[], classify: ClassifyTiming, options: BenchOptions, commands: string[]): string {
    const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
    const file = summaries.find((s) => s.target === 'file');
    const lines = [
        '## Turn speed',
        '',
        `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
            `Node ${process.version}, a shared machine (expect noise). Commands:`,
        '',
        '```',
        ...commands,
        '```',
        '',
        `Each target ran in a fresh child process on loopback; autocannon (in the parent) kept ${options.connections} conversations going at once, ` +
            `each walking a whole 8-message troubleshooting path (symptom, "Yes", answers, step outcomes, rating) with delivery mode ` +
            '`expectReplies`, then starting a new conversation id. ' +
            'The conversations column is per measurement: the first quarter or 1,024 (whichever is fewer) to warm up, then the measured rest in two halves; ' +
            `memory is read after a forced full GC after the warm-up, halfway and at the end (the bot's rate-limit window is 10 s, so the ` +
            'limiter, which remembers a conversation for two windows, has settled by the end of the warm-up). ' +
            `Figures are medians of ${options.runs} runs; ` +
            'the ratio is bot ÷ echo within each run, then the median.',
        '',
        '| target | turns/s | × echo | p50 ms | p99 ms | server CPU ms/turn | conversations | RSS after all, MiB | RSS growth, MiB per 1,000 conv. | heap after GC, MiB | heap growth, KiB per 1,000 conv. | failed turns |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...summaries.map(
            (s) =>
                `| ${targetNames[s.target]} | ${f(s.turnsPerSecond, 0)} | ${s.ratioToEcho === null ? '1' : f(s.ratioToEcho, 2)} | ${f(s.p50Ms, 2)} | ${f(s.p99Ms, 1)} | ${f(s.cpuMsPerTurn, 2)} | ${s.conversations} | ` +
                `${f(s.rssAfterMiB)} | ${f(s.rssGrowthMiBPer1000, 2)} | ${f(s.heapAfterMiB)} | ${f(s.heapGrowthKiBPer1000, 0)} | ${s.failures} |`
        ),
        '',
        `Classification (\`IntentClassifier.classify\`, once per turn) over the ${classify.utterances} knowledge-base utterances, ${classify.passes} passes: ` +
            `median ${f(classify.medianMs, 3)} ms, mean ${f(classify.meanMs, 3)} ms, p99 ${f(classify.p99Ms, 2)} ms.`,
        '',
        'Targets:',
        '',
        ...(file
            ? [
                  `- whole bot on the embedded store ≥ 0.6 × echo turns/s: ${f(file.ratioToEcho ?? NaN, 2)}, ${(file.ratioToEcho ?? 0) >= 0.6 ? '**met**' : '**missed**'}`,
                  `- p99 ≤ 50 ms at ${options.connections} concurrent conversations (embedded store): ${f(file.p99Ms, 1)} ms, ${file.p99Ms <= 50 ? '**met**' : '**missed**'}`,
                  `- memory does not grow with finished conversations (embedded store; heap after GC grows < 100 KiB per 1,000): ` +
                      `${f(file.heapGrowthKiBPer1000, 0)} KiB per 1,000, ${file.heapGrowthKiBPer1000 < 100 ? '**met**' : '**missed**'}`
              ]
            : []),
        `- classification ≤ 0.5 ms of each turn: median ${f(classify.medianMs, 3)} ms, ${classify.medianMs <= 0.5 ? '**met**' : '**missed**'}`,
        ''
    ];
    return lines.join('\n');
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            runs: { type: 'string', default: '3' },
            conversations: { type: 'string', default: '10000' },
            warmup: { type: 'string', default: '1024' },
            connections: { type: 'string', default: '16' },
            targets: { type: 'string', default: 'echo,file,blobs' },
            write: { type: 'boolean', default: false },
            json: { type: 'string' },
            'blobs-conversations': { type: 'string' },
            'cpu-prof': { type: 'string' },
            /** Render the section from earlier --json result files (comma-separated) instead of measuring. */
            from: { type: 'string' }
        }
    });
    const options: BenchOptions = {
        runs: Number(values.runs),
        conversations: Number(values.conversations),
        warmup: Number(values.warmup),
        connections: Number(values.connections),
        targets: values.targets.split(',').map((t) => t.trim()) as Target[],
        blobsConversations: values['blobs-conversations'] === undefined ? undefined : Number(values['blobs-conversations']),
        cpuProfDir: values['cpu-prof']
    };
    for (const t of options.targets) if (!['echo', 'dialogs', 'file', 'blobs', 'cosmos', 'cosmos-state', 'memory'].includes(t)) throw new Error(`unknown target ${t}: echo, dialogs, file, blobs, cosmos, cosmos-state or memory`);
    const log = (line: string) => console.log(line);

    const command = `npm run bench:turns -- ${process.argv.slice(2).join(' ')}`.trim();
    const commands = [command];
    let classify: ClassifyTiming;
    const measurements: Measurement[] = [];
    if (values.from) {
        // Several invocations (say, echo and file at 10,000 conversations, blobs at fewer) as one table.
        const results = values.from.split(',').map((file) => JSON.parse(readFileSync(file, 'utf8')) as SavedResults);
        classify = results[0]!.classify;
        commands.unshift(...results.map((r) => r.command));
        for (const r of results) measurements.push(...r.measurements);
        options.runs = Math.max(...results.map((r) => r.options.runs));
        options.connections = results[0]!.options.connections;
        options.targets = [...new Set(measurements.map((m) => m.target))];
    } else {
        classify = classificationTiming();
        log(`classification: median ${classify.medianMs.toFixed(4)} ms, mean ${classify.meanMs.toFixed(4)} ms, p99 ${classify.p99Ms.toFixed(3)} ms over ${classify.utterances} utterances`);
        for (let run = 1; run <= options.runs; run++) {
            for (const target of options.targets) {
                measurements.push(await measure(target, run, options, log));
                // Saved after every measurement, so a long run that is stopped keeps what it measured.
                if (values.json) writeFileSync(values.json, JSON.stringify({ command, options, classify, measurements } satisfies SavedResults, null, 2) + '\n');
            }
        }
    }
    const summaries = summarise(measurements);
    const section = markdownSection(summaries, classify, options, commands);
    console.log('\n' + section);
    if (values.write) {
        replaceSection(join(root, 'BENCHMARKS.md'), section);
        log('BENCHMARKS.md: turn-speed section written');
    }
}

if (require.main === module) {
    main().catch((err: unknown) => {
        console.error(err instanceof Error ? err.stack : err);
        process.exitCode = 1;
    });
}
