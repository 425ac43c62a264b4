// Renders the figures of `npm run bench:redaction` as its part of BENCHMARKS.md: the measured
// table, per language and over the whole set, between markers that the bench rewrites each run.
import type { Language } from '../../knowledge/languages';
import type { Score } from './scoreRedaction';

export const redactionSectionStart = '<!-- redaction-bench:start: written by `npm run bench:redaction`, edits inside are overwritten -->';
export const redactionSectionEnd = '<!-- redaction-bench:end -->';

export interface RedactorFigures {
    name: string;
    /** Over the whole set, then each language alone. */
    all: Score;
    byLanguage: { language: Language; score: Score }[];
    msPerMessage: number;
}

export interface RedactionRun {
    date: string;
    machine: string;
    runtime: string;
    redactors: RedactorFigures[];
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const languageNames: Record<Language, string> = { en: 'English', de: 'German' };

function row(name: string, scope: string, s: Score, ms: string): string {
    return `| ${name} | ${scope} | ${percent(s.recall)} (${s.codesRemoved}/${s.codes}) | ${percent(s.precision)} | ${s.nonCodesKept}/${s.nonCodes} | ${s.falseWarnings} | ${ms} |`;
}

export function renderRedactionSection(run: RedactionRun): string {
    const first = run.redactors[0]!;
    const counts = first.byLanguage
        .map(({ language, score }) => `${languageNames[language]} ${score.messages} messages, ${score.codes} codes, ${score.nonCodes} non-codes`)
        .join('; ');
    const lines = [
        redactionSectionStart,
        `Measured on ${run.date} on ${run.machine}; ${run.runtime}. The set: ${first.all.messages} messages, ${first.all.codes} codes and ` +
            `${first.all.nonCodes} labelled non-codes (${counts}). Each row scores one redactor on the whole set ("all") or on the messages ` +
            'of one language; the ms column moves with the load of the shared machine.',
        '',
        '| redactor | messages | recall (codes removed) | precision | non-codes kept as typed | false warnings | ms per message |',
        '|---|---|---|---|---|---|---|'
    ];
    for (const r of run.redactors) {
        lines.push(row(r.name, 'all', r.all, r.msPerMessage.toFixed(3)));
        for (const { language, score } of r.byLanguage) lines.push(row(r.name, languageNames[language], score, ''));
    }
    for (const r of run.redactors.slice(1)) {
        const misses = [...r.all.missed.map((m) => `code ${JSON.stringify(m.code)} left in`), ...r.all.lost.map((l) => `${JSON.stringify(l.kept)} not kept`)];
        lines.push('', `${r.name}: ${misses.length === 0 ? 'no code missed and no labelled non-code lost.' : `${misses.join('; ')}.`}`);
    }
    lines.push(redactionSectionEnd);
    return lines.join('\n');
}
