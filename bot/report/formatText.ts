// The report as text for a terminal: the overall rates and how replies to each question were
// taken, then one block per symptom with its fix-step funnel and its replies as tables, then the
// comments and the messages the bot could not place.
import type { Comment, Rates, Report, StepFunnel } from './analyse';
import type { NotUnderstood, QuestionReplies } from './replyFigures';

const percent = (rate: number | null) => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);

function table(headings: string[], cells: (string | number)[][]): string[] {
    // Ids and titles the records name but the knowledge does not are shown as they are: make them safe.
    const rows = cells.map((row) => row.map((c) => (typeof c === 'string' ? printable(c) : c)));
    const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells: (string | number)[]) =>
        cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ').trimEnd();
    return [line(headings), ...rows.map(line)];
}

/**
 * A person's words made safe for a terminal: control characters (an escape sequence can recolour
 * or clear the screen) and bidirectional overrides (they can reorder what the reader sees) become
 * a visible replacement character; runs of whitespace become one space.
 */
export function printable(text: string): string {
    return text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '\uFFFD');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The figure a manager reads first. Records from before reply records say the figure is
 * unavailable rather than showing the router's fallbacks as if they were every turn.
 */
function notUnderstoodLine(figure: NotUnderstood, rates: Rates): string {
    if (figure.measuredCases === 0 && figure.olderCases > 0) {
        return (
            `not understood: unavailable, these cases predate reply records · router fallbacks alone ${percent(rates.fallbackRate)} ` +
            `(${rates.notUnderstood} of ${rates.messages} messages), which leaves out replies refused at the bot's questions`
        );
    }
    const older = figure.olderCases ? ` · over ${plural(figure.measuredCases, 'case')}; ${plural(figure.olderCases, 'older case')} without reply records left out` : '';
    return (
        `not understood ${percent(figure.rate)} (${figure.notUnderstood} of ${plural(figure.turns, 'turn')}: ` +
        `${plural(figure.refusedReplies, 'reply', 'replies')} refused at a question, ${plural(figure.unrecognisedMessages, 'message')} the router could not place)${older}`
    );
}

function rateLines(rates: Rates): string[] {
    const { outcomes } = rates;
    return [
        `cases ${rates.cases}: resolved ${outcomes.resolved}, escalated ${outcomes.escalated}, declined ${outcomes.declined}, abandoned ${outcomes.abandoned}`,
        `containment ${percent(rates.containmentRate)} (${outcomes.resolved} of ${rates.cases} resolved without a human)` +
            ` · escalation ${percent(rates.escalationRate)} (${outcomes.escalated} of ${rates.cases})`,
        notUnderstoodLine(rates.everyTurn, rates),
        `ratings: good ${rates.ratings.good}, bad ${rates.ratings.bad}`
    ];
}

function digressionCell(row: QuestionReplies): string {
    const kinds = Object.entries(row.digressions).filter(([, n]) => n > 0);
    return kinds.length ? `${row.digression} (${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')})` : String(row.digression);
}

function repliesTable(rows: QuestionReplies[]): string[] {
    return table(
        ['question or step', 'replies', 'button', 'text', 'confirmed', 'refused', 'refused %', 'digressions'],
        rows.map((r) => [r.title, r.replies, r.button, r.text, r.confirmed, r.refused, percent(r.refusedRate), digressionCell(r)])
    );
}

function commentLine(comment: Comment): string {
    const when = printable(comment.at.replace('T', ' ').slice(0, 16));
    const about = [comment.symptom, comment.rating].filter(Boolean).join(', ');
    return `${when}  case ${printable(comment.caseId)}${about ? ` (${printable(about)})` : ''}: ${printable(comment.text)}`;
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
        `${records.cases} cases, ${records.ratings} ratings, ${records.unrecognised} unrecognised messages, ${records.replies} replies to questions, ${records.comments} comments` +
            (records.skippedLines ? ` (${records.skippedLines} unreadable line${records.skippedLines === 1 ? '' : 's'} skipped)` : '')
    );
    const overall = rateLines(report.overall);
    const { refusedReplies, unrecognisedMessages } = report.outsideCases;
    if (refusedReplies + unrecognisedMessages > 0) {
        // Right under the not-understood line it adds to.
        overall.splice(
            3,
            0,
            `and outside any closed case (still open, or never reached a problem): ${plural(refusedReplies, 'reply', 'replies')} refused at a question, ` +
                `${plural(unrecognisedMessages, 'message')} the router could not place`
        );
    }
    out.push('', 'Overall', ...overall.map((l) => `  ${l}`));
    for (const language of report.languages) {
        out.push('', `Conversations in ${printable(language.name)}`, ...rateLines(language).map((l) => `  ${l}`));
    }
    out.push('', "Replies to the bot's questions, all symptoms");
    if (!report.replies.available) {
        out.push(
            '  Per-reply figures unavailable: these records were written before the bot recorded replies to its questions (no record of kind "reply"),',
            '  so how replies were understood or refused was not measured.'
        );
    } else out.push(...repliesTable(report.replies.questions).map((l) => `  ${l}`));
    for (const symptom of report.symptoms) {
        const heading = printable(`${symptom.title}${symptom.symptom ? ` (${symptom.symptom})` : ''}`);
        if (symptom.cases === 0) {
            out.push('', heading, '  no cases');
            continue;
        }
        out.push('', heading, ...rateLines(symptom).map((l) => `  ${l}`));
        if (symptom.steps.length) out.push('', ...funnelTable(symptom.steps).map((l) => `  ${l}`));
        if (report.replies.available && symptom.questions.length) out.push('', ...repliesTable(symptom.questions).map((l) => `  ${l}`));
    }
    out.push('', 'Live chats by how the agent ended them');
    if (report.records.dispositions === 0) out.push('  (none recorded)');
    else out.push(...table(['disposition', 'chats'], report.dispositions.map((d) => [`${d.label} (${d.disposition})`, d.chats])).map((l) => `  ${l}`));
    out.push('', 'Comments after a rating (redacted)');
    if (report.comments.length === 0) out.push('  (none)');
    for (const comment of report.comments) out.push(`  ${commentLine(comment)}`);
    out.push('', 'Top unrecognised messages (redacted)');
    if (report.topUnrecognised.length === 0) out.push('  (none)');
    for (const { text, count } of report.topUnrecognised) out.push(`  ${String(count).padStart(5)}  ${printable(text)}`);
    out.push(
        '',
        'Containment = resolved without a human / cases. Not understood = (replies refused at a question + messages the router could not place) / turns,',
        'over every turn of the cases recorded reply by reply. Replies: button = a button or its exact label, text = understood from the words,',
        'confirmed = settled by the one confirming question, refused = the bot asked again, digressions = questions answered before asking again.',
        'Abandoned step = the step open when the case was abandoned. Run with --json for the definitions in full.'
    );
    return out.join('\n') + '\n';
}
