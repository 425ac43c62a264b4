// The report as text for a terminal: the overall rates, then one block per symptom with its
// fix-step funnel as a table, then the messages the bot could not place.
import type { Rates, Report, StepFunnel } from './analyse';

const percent = (rate: number | null) => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);

function table(headings: string[], rows: (string | number)[][]): string[] {
    const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells: (string | number)[]) =>
        cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ').trimEnd();
    return [line(headings), ...rows.map(line)];
}

function rateLines(rates: Rates): string[] {
    const { outcomes } = rates;
    return [
        `cases ${rates.cases}: resolved ${outcomes.resolved}, escalated ${outcomes.escalated}, declined ${outcomes.declined}, abandoned ${outcomes.abandoned}`,
        `containment ${percent(rates.containmentRate)} (${outcomes.resolved} of ${rates.cases} resolved without a human)` +
            ` · escalation ${percent(rates.escalationRate)} (${outcomes.escalated} of ${rates.cases})`,
        `fallback ${percent(rates.fallbackRate)} (${rates.notUnderstood} of ${rates.messages} messages not understood)` +
            ` · unrecognised ${percent(rates.unrecognisedRate)} (${rates.unrecognised} fell back)`,
        `ratings: good ${rates.ratings.good}, bad ${rates.ratings.bad}`
    ];
}

function funnelTable(steps: StepFunnel[]): string[] {
    return table(
        ['step', 'tried', 'worked', 'did not work', 'already tried', "can't do", 'abandoned'],
        steps.map((s) => [s.title, s.tried, s.worked, s.notWorked, s.alreadyTried, s.cannotDo, s.abandoned])
    );
}

export function formatText(report: Report, source: string): string {
    const out: string[] = [];
    const { records } = report;
    out.push(`Feedback report: ${source}`);
    out.push(
        `${records.cases} cases, ${records.ratings} ratings, ${records.unrecognised} unrecognised messages` +
            (records.skippedLines ? ` (${records.skippedLines} unreadable line${records.skippedLines === 1 ? '' : 's'} skipped)` : '')
    );
    out.push('', 'Overall', ...rateLines(report.overall).map((l) => `  ${l}`));
    for (const symptom of report.symptoms) {
        const heading = `${symptom.title}${symptom.symptom ? ` (${symptom.symptom})` : ''}`;
        if (symptom.cases === 0) {
            out.push('', heading, '  no cases');
            continue;
        }
        out.push('', heading, ...rateLines(symptom).map((l) => `  ${l}`));
        if (symptom.steps.length) out.push('', ...funnelTable(symptom.steps).map((l) => `  ${l}`));
    }
    out.push('', 'Top unrecognised messages (redacted)');
    if (report.topUnrecognised.length === 0) out.push('  (none)');
    for (const { text, count } of report.topUnrecognised) out.push(`  ${String(count).padStart(5)}  ${text}`);
    out.push(
        '',
        'Containment = resolved without a human / cases. Fallback = messages not understood (confidence band low) / messages, over all cases;',
        'it counts answers like "Yes" that the intent classifier does not know, so "unrecognised" (messages the router fell back on) is the stricter figure.',
        'Abandoned step = the step open when the case was abandoned. Run with --json for the definitions in full.'
    );
    return out.join('\n') + '\n';
}
