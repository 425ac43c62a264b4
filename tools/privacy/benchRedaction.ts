// `npm run bench:redaction`: scores the redactor of the base commit (read from git at run time)
// and today's, side by side, on the labelled set, over the whole set and per language; prints a
// Markdown table, then the misses and the over-redactions of each, then one JSON line with both
// scores, and writes the table into its section of BENCHMARKS.md.
//   npm run bench:redaction -- --base <commit>    (default 9bc0b84, the redactor before issue 13)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { redactSecurityCodes } from '../../bot/privacy/redactSecurityCodes';
import { languages } from '../../knowledge/languages';
import { writeSection } from '../nlu/benchmarksReport';
import { redactionSectionEnd, redactionSectionStart, renderRedactionSection, type RedactorFigures } from './redactionReport';
import { loadLabelledMessages, scoreRedactor, type Redactor } from './scoreRedaction';

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
    const results: RedactorFigures[] = redactors.map(([name, redact]) => ({
        name,
        all: scoreRedactor(redact, messages),
        byLanguage: languages.map((language) => ({ language, score: scoreRedactor(redact, messages.filter((m) => m.language === language)) })),
        msPerMessage: timed(redact, messages.map((m) => m.text))
    }));
    const cpu = cpus();
    const section = renderRedactionSection({
        date: new Date().toISOString().slice(0, 10),
        machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
        runtime: `Node ${process.version}`,
        redactors: results
    });
    console.log(section);
    for (const r of results) {
        console.log(`\n${r.name}: ${r.all.missed.length} codes missed, ${r.all.lost.length} non-codes lost`);
        for (const m of r.all.missed) console.log(`  missed ${JSON.stringify(m.code)} in ${JSON.stringify(m.message)}`);
        for (const l of r.all.lost) console.log(`  lost ${JSON.stringify(l.kept)}: ${JSON.stringify(l.output)}`);
    }
    console.log(
        JSON.stringify(
            Object.fromEntries(
                results.map((r) => [
                    r.name,
                    { recall: r.all.recall, precision: r.all.precision, falseWarnings: r.all.falseWarnings, msPerMessage: r.msPerMessage }
                ])
            )
        )
    );
    writeSection(join(__dirname, '..', '..', 'BENCHMARKS.md'), section, { start: redactionSectionStart, end: redactionSectionEnd });
} finally {
    rmSync(folder, { recursive: true, force: true });
}
