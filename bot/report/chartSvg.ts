// The fix-step funnel as an SVG bar chart, written by hand (no charting dependency): one block
// per symptom, one group per step with four horizontal bars (tried, worked, did not work,
// abandoned) on one shared scale, counts at the bar ends, and the rarer answers (already tried,
// can't do) under the step's title. Colours are the Okabe-Ito palette, readable with colour blindness.
import type { Report, StepFunnel, SymptomReport } from './analyse';

export const funnelSeries = [
    { key: 'tried', label: 'Tried', colour: '#0072B2' },
    { key: 'worked', label: 'Worked', colour: '#009E73' },
    { key: 'notWorked', label: 'Did not work', colour: '#D55E00' },
    { key: 'abandoned', label: 'Abandoned', colour: '#8C8C8C' }
] as const satisfies readonly { key: keyof StepFunnel; label: string; colour: string }[];

const width = 960;
const labelWidth = 290;
const plotLeft = labelWidth + 10;
const plotRight = width - 70;
const barHeight = 12;
const barGap = 3;
const groupPadding = 14;
const groupHeight = funnelSeries.length * (barHeight + barGap) - barGap + groupPadding;
/** A step never given in these records gets one short row instead of four empty bars. */
const emptyGroupHeight = 30;
const symptomHeaderHeight = 34;
const font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif\"";

export function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A round axis maximum and its tick step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
    if (max <= 0) return { max: 1, step: 1 };
    const raw = max / ticks;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
    return { max: Math.ceil(max / step) * step, step: Math.max(1, step) };
}

/** A rate as a whole percentage, 'n/a' when there was nothing to divide by. */
export const percent = (rate: number | null) => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);

export interface ChartOptions {
    title?: string;
    /** Shown under the title, e.g. the source file and the date. */
    subtitle?: string;
}

export function funnelChartSvg(report: Report, options: ChartOptions = {}): string {
    const symptoms = report.symptoms.filter((s) => s.cases > 0 && s.steps.length > 0);
    const { max, step: tickStep } = niceScale(Math.max(0, ...symptoms.flatMap((s) => s.steps.map((st) => st.tried))));
    const x = (value: number) => plotLeft + (value / max) * (plotRight - plotLeft);

    const top = 118;
    const body: string[] = [];
    let y = top;
    for (const symptom of symptoms) {
        body.push(symptomHeader(symptom, y));
        y += symptomHeaderHeight;
        symptom.steps.forEach((funnel, index) => {
            body.push(stepGroup(symptom, funnel, y, index, x));
            y += funnel.tried > 0 ? groupHeight : emptyGroupHeight;
        });
        y += 8;
    }
    if (symptoms.length === 0) {
        body.push(`<text x="${width / 2}" y="${y + 30}" text-anchor="middle" font-size="15" fill="#555">No fix steps were given in these records.</text>`);
        y += 60;
    }
    const plotBottom = y;
    const height = plotBottom + 44;

    const grid: string[] = [];
    for (let value = 0; value <= max + 1e-9; value += tickStep) {
        const gx = x(value).toFixed(1);
        grid.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${plotBottom}" stroke="${value === 0 ? '#888' : '#e3e3e3'}" stroke-width="1"/>`);
        grid.push(`<text x="${gx}" y="${top - 12}" text-anchor="middle" font-size="11" fill="#555">${formatCount(value)}</text>`);
        grid.push(`<text x="${gx}" y="${plotBottom + 16}" text-anchor="middle" font-size="11" fill="#555">${formatCount(value)}</text>`);
    }

    const overall = report.overall;
    const title = options.title ?? 'Fix-step funnel';
    const subtitle =
        options.subtitle ??
        `${overall.cases} cases · containment ${percent(overall.containmentRate)} · escalation ${percent(overall.escalationRate)} · fallback ${percent(overall.fallbackRate)}`;
    const legend = funnelSeries
        .map((s, i) => {
            const lx = plotLeft + i * 140;
            return `<rect x="${lx}" y="72" width="14" height="14" rx="2" fill="${s.colour}"/><text x="${lx + 20}" y="84" font-size="13" fill="#222">${escapeXml(s.label)}</text>`;
        })
        .join('');

    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${font} role="img" aria-labelledby="chart-title chart-desc">`,
        `<title id="chart-title">${escapeXml(title)}</title>`,
        `<desc id="chart-desc">${escapeXml(subtitle)}. For each fix step: how often it was tried, worked, did not work, or was open when the case was abandoned.</desc>`,
        `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
        `<text x="24" y="34" font-size="22" font-weight="700" fill="#111">${escapeXml(title)}</text>`,
        `<text x="24" y="58" font-size="13" fill="#555">${escapeXml(subtitle)}</text>`,
        `<g class="legend">${legend}</g>`,
        `<g class="grid">${grid.join('')}</g>`,
        ...body,
        `<text x="${(plotLeft + plotRight) / 2}" y="${plotBottom + 34}" text-anchor="middle" font-size="12" fill="#555">times the step was given</text>`,
        `</svg>`,
        ''
    ].join('\n');
}

function formatCount(value: number): string {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function symptomHeader(symptom: SymptomReport, y: number): string {
    const outcomes = symptom.outcomes;
    const detail = `${symptom.cases} case${symptom.cases === 1 ? '' : 's'} · resolved ${outcomes.resolved} · escalated ${outcomes.escalated} · declined ${outcomes.declined} · abandoned ${outcomes.abandoned} · containment ${percent(symptom.containmentRate)}`;
    return (
        `<g class="symptom" data-symptom="${escapeXml(symptom.symptom ?? 'none')}">` +
        `<line x1="24" y1="${y + 2}" x2="${width - 24}" y2="${y + 2}" stroke="#bbb" stroke-width="1"/>` +
        `<text x="24" y="${y + 22}" font-size="16" font-weight="700" fill="#111">${escapeXml(symptom.title)}</text>` +
        `<text x="${plotLeft + 8}" y="${y + 22}" font-size="12" fill="#555">${escapeXml(detail)}</text>` +
        `</g>`
    );
}

function stepGroup(symptom: SymptomReport, funnel: StepFunnel, y: number, index: number, x: (v: number) => number): string {
    const parts: string[] = [];
    const open = `<g class="step" data-symptom="${escapeXml(symptom.symptom ?? 'none')}" data-step="${escapeXml(funnel.step)}" data-tried="${funnel.tried}">`;
    const inner = (funnel.tried > 0 ? groupHeight : emptyGroupHeight) - groupPadding;
    if (index % 2 === 0) parts.push(`<rect x="16" y="${y - 4}" width="${width - 32}" height="${inner + 8}" fill="#f5f7fa"/>`);
    parts.push(`<text x="${labelWidth}" y="${y + 12}" text-anchor="end" font-size="13" font-weight="600" fill="#111">${escapeXml(funnel.title)}</text>`);
    if (funnel.tried === 0) {
        parts.push(`<text x="${(x(0) + 8).toFixed(1)}" y="${y + 12}" font-size="12" font-style="italic" fill="#777">not given in these cases</text>`);
        return `${open}${parts.join('')}</g>`;
    }
    parts.push(
        `<text x="${labelWidth}" y="${y + 29}" text-anchor="end" font-size="11" fill="#666">already tried ${funnel.alreadyTried} · can&apos;t do ${funnel.cannotDo}</text>`
    );
    funnelSeries.forEach((series, i) => {
        const value = funnel[series.key];
        const by = y + i * (barHeight + barGap);
        const bw = Math.max(0, x(value) - x(0));
        parts.push(
            `<rect class="bar" data-series="${series.key}" x="${x(0).toFixed(1)}" y="${by}" width="${bw.toFixed(1)}" height="${barHeight}" rx="2" fill="${series.colour}">` +
                `<title>${escapeXml(`${funnel.title}: ${series.label.toLowerCase()} ${value}`)}</title></rect>`
        );
        parts.push(`<text x="${(x(0) + bw + 5).toFixed(1)}" y="${by + barHeight - 2}" font-size="11" fill="#222">${value}</text>`);
    });
    return `${open}${parts.join('')}</g>`;
}
