// `npm run bench:redaction`: scores the redactor of the base commit (read from git at run time)
// and today's, side by side, on the labelled set; prints a Markdown table, then the misses and the
// over-redactions of each, then one JSON line with both scores.
//   npm run bench:redaction -- --base <commit>    (default 9bc0b84, the redactor before issue 13)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactSecurityCodes } from '../../bot/privacy/redactSecurityCodes';
import { loadLabelledMessages, scoreRedactor, type Redactor, type Score } from './scoreRedaction';

function argument(name: string, fallback: string): string {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The base commit's redactor, written to a temporary file (it imports nothing) and loaded. */
function baseRedactor(commit: string, folder: string): Redactor {
    const source = execFileSync('git', ['show', `${commit}:bot/privacy/redactSecurityCodes.ts`], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    const file = join(folder, 'redactSecurityCodes.base.ts');
    writeFileSync(file, source);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(file) as { redactSecurityCodes: Redactor }).redactSecurityCodes;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function row(name: string, s: Score, ms: number): string {
    return `| ${name} | ${percent(s.recall)} (${s.codesRemoved}/${s.codes}) | ${percent(s.precision)} | ${s.nonCodesKept}/${s.nonCodes} | ${s.falseWarnings} | ${ms.toFixed(3)} |`;
}

function timed(redact: Redactor, texts: string[]): number {
    const rounds = 20;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) for (const t of texts) redact(t);
    return (performance.now() - started) / (rounds * texts.length);
}

const base = argument('--base', '9bc0b84');
const folder = mkdtempSync(join(tmpdir(), 'bench-redaction-'));
try {
    const messages = loadLabelledMessages();
    const redactors: [string, Redactor][] = [
        [`${base} (before)`, baseRedactor(base, folder)],
        ['this tree', redactSecurityCodes]
    ];
    const results = redactors.map(([name, redact]) => ({ name, score: scoreRedactor(redact, messages), ms: timed(redact, messages.map((m) => m.text)) }));
    console.log(`Labelled set: ${messages.length} messages, ${results[0]!.score.codes} codes, ${results[0]!.score.nonCodes} labelled non-codes\n`);
    console.log('| redactor | recall (codes removed) | precision | non-codes kept as typed | false warnings | ms per message |');
    console.log('|---|---|---|---|---|---|');
    for (const r of results) console.log(row(r.name, r.score, r.ms));
    for (const r of results) {
        console.log(`\n${r.name}: ${r.score.missed.length} codes missed, ${r.score.lost.length} non-codes lost`);
        for (const m of r.score.missed) console.log(`  missed ${JSON.stringify(m.code)} in ${JSON.stringify(m.message)}`);
        for (const l of r.score.lost) console.log(`  lost ${JSON.stringify(l.kept)}: ${JSON.stringify(l.output)}`);
    }
    console.log(
        JSON.stringify(
            Object.fromEntries(
                results.map((r) => [
                    r.name,
                    { recall: r.score.recall, precision: r.score.precision, falseWarnings: r.score.falseWarnings, msPerMessage: r.ms }
                ])
            )
        )
    );
} finally {
    rmSync(folder, { recursive: true, force: true });
}
