// npm run report on a fixture of feedback records whose figures were worked out by hand.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyse, type Report } from '../../bot/report/analyse';
import { runReport } from '../../bot/report/cli';
import { parseRecords } from '../../bot/report/readRecords';
import { loadKnowledge } from '../../knowledge/load';

const root = join(__dirname, '..', '..');
const fixture = join(__dirname, 'fixtures', 'feedback.jsonl');

async function run(args: string[], env: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const code = await runReport(args, { out: (t) => (out += t), err: (t) => (err += t), env });
    return { code, out, err };
}

describe('report: npm run report', function () {
    this.timeout(30_000);
    const knowledge = loadKnowledge();
    let report: Report;
    let dir: string;

    before(() => {
        const { records, skippedLines } = parseRecords(readFileSync(fixture, 'utf8'));
        report = analyse(records, { knowledge, skippedLines });
        dir = mkdtempSync(join(tmpdir(), 'report-test-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const symptom = (id: string | null) => report.symptoms.find((s) => s.symptom === id)!;
    const step = (symptomId: string, stepId: string) => symptom(symptomId).steps.find((s) => s.step === stepId)!;

    it('counts the records and skips the torn and unknown lines', () => {
        expect(report.records).to.deep.equal({ cases: 9, ratings: 5, unrecognised: 5, skippedLines: 2 });
    });

    it('computes the overall rates', () => {
        const { overall } = report;
        expect(overall.cases).to.equal(9);
        expect(overall.outcomes).to.deep.equal({ resolved: 3, escalated: 2, declined: 1, abandoned: 3 });
        expect(overall.containmentRate).to.equal(0.3333); // 3 resolved / 9 cases
        expect(overall.escalationRate).to.equal(0.2222); // 2 / 9
        expect(overall.messages).to.equal(47);
        expect(overall.notUnderstood).to.equal(11);
        expect(overall.fallbackRate).to.equal(0.234); // 11 / 47, summed over cases
        // Unrecognised messages of closed cases only: "open-case" never closed.
        expect(overall.unrecognised).to.equal(4);
        expect(overall.unrecognisedRate).to.equal(0.0851);
        // The rating of a case missing from the records still counts overall.
        expect(overall.ratings).to.deep.equal({ good: 3, bad: 2 });
    });

    it('computes each symptom, in the knowledge base order, with unidentified cases last', () => {
        expect(report.symptoms.map((s) => s.symptom)).to.deep.equal([
            'code_not_accepted',
            'app_not_connecting',
            'security_features_disabled',
            'notifications_not_received',
            null
        ]);
        const code = symptom('code_not_accepted');
        expect(code.title).to.equal('Code not accepted');
        expect(code.outcomes).to.deep.equal({ resolved: 2, escalated: 1, declined: 0, abandoned: 2 });
        expect(code.containmentRate).to.equal(0.4);
        expect(code.escalationRate).to.equal(0.2);
        expect(code.fallbackRate).to.equal(0.2917); // 7 / 24
        expect(code.ratings).to.deep.equal({ good: 2, bad: 1 });
        expect(symptom('app_not_connecting').containmentRate).to.equal(0.5);
        expect(symptom('security_features_disabled').cases).to.equal(0);
        expect(symptom('security_features_disabled').containmentRate).to.equal(null);
        expect(symptom(null).outcomes.escalated).to.equal(1);
        expect(symptom(null).title).to.equal('Not identified');
    });

    it('builds the fix-step funnel, with the step open when a case was abandoned', () => {
        expect(symptom('code_not_accepted').steps.map((s) => s.step)).to.deep.equal(['re_enter_code', 'check_updates', 'review_security_code', 'reset_app']);
        expect(step('code_not_accepted', 're_enter_code')).to.deep.include({ tried: 4, worked: 1, notWorked: 2, alreadyTried: 1, cannotDo: 0, abandoned: 0 });
        expect(step('code_not_accepted', 're_enter_code').title).to.equal('Re-enter the security code');
        // c4 answered "No" to re-entering and left with the next planned step open.
        expect(step('code_not_accepted', 'review_security_code')).to.deep.include({ tried: 3, worked: 1, notWorked: 0, cannotDo: 1, abandoned: 1 });
        expect(step('code_not_accepted', 'check_updates')).to.deep.include({ tried: 1, notWorked: 1 });
        expect(step('app_not_connecting', 'reconnect_bluetooth')).to.deep.include({ tried: 2, worked: 1, notWorked: 1 });
        expect(step('app_not_connecting', 'enable_bluetooth').tried).to.equal(0);
        // c9 was abandoned at the offer of a human (every step answered): no step was open.
        expect(step('notifications_not_received', 'reset_app')).to.deep.include({ tried: 1, notWorked: 1, abandoned: 0 });
        // c5 was abandoned during the questions: no step was given at all.
        const abandonedSteps = report.symptoms.flatMap((s) => s.steps).reduce((n, s) => n + s.abandoned, 0);
        expect(abandonedSteps).to.equal(1);
        for (const s of report.symptoms.flatMap((x) => x.steps)) {
            expect(s.tried, s.step).to.equal(s.worked + s.notWorked + s.alreadyTried + s.cannotDo + s.abandoned);
        }
    });

    it('without the knowledge base, counts answered steps only and shows ids', () => {
        const { records } = parseRecords(readFileSync(fixture, 'utf8'));
        const bare = analyse(records);
        const code = bare.symptoms.find((s) => s.symptom === 'code_not_accepted')!;
        expect(code.steps.find((s) => s.step === 'review_security_code')).to.deep.include({ title: 'review_security_code', tried: 2, abandoned: 0 });
    });

    it('lists the top unrecognised messages, normalised and counted', () => {
        expect(report.topUnrecognised).to.deep.equal([
            { text: 'my car is blue', count: 3 },
            { text: 'asdf', count: 1 },
            { text: 'xyzzy', count: 1 }
        ]);
        const top1 = analyse(parseRecords(readFileSync(fixture, 'utf8')).records, { top: 1 });
        expect(top1.topUnrecognised).to.have.length(1);
    });

    it('--json prints one JSON object with the figures and their definitions', async () => {
        const { code, out } = await run(['--file', fixture, '--json', '--top', '2']);
        expect(code).to.equal(0);
        expect(out.trim().split('\n')).to.have.length(1);
        const json = JSON.parse(out);
        expect(json).to.have.all.keys('file', 'records', 'overall', 'symptoms', 'topUnrecognised', 'definitions');
        expect(json.file).to.equal(fixture);
        expect(json.overall).to.include({ cases: 9, containmentRate: 0.3333, escalationRate: 0.2222, fallbackRate: 0.234 });
        expect(json.topUnrecognised).to.have.length(2);
        expect(json.definitions).to.have.keys('cases', 'containmentRate', 'escalationRate', 'fallbackRate', 'unrecognisedRate', 'tried', 'abandoned');
        const code0 = json.symptoms[0];
        expect(code0).to.include({ symptom: 'code_not_accepted', cases: 5 });
        expect(code0.steps[0]).to.have.all.keys('step', 'title', 'tried', 'worked', 'notWorked', 'alreadyTried', 'cannotDo', 'abandoned');
    });

    it('prints a text report with the rates and each step', async () => {
        const { code, out } = await run(['--file', fixture]);
        expect(code).to.equal(0);
        expect(out).to.include('containment 33.3% (3 of 9 resolved without a human)');
        expect(out).to.include('fallback 23.4% (11 of 47 messages not understood)');
        expect(out).to.match(/Re-enter the security code\s+4\s+1\s+2\s+1\s+0\s+0/);
        expect(out).to.include('2 unreadable lines skipped');
    });

    it('--chart writes a well-formed SVG with a group and bars for each step', async () => {
        const chart = join(dir, 'charts', 'funnel.svg');
        const { code } = await run(['--file', fixture, '--chart', chart]);
        expect(code).to.equal(0);
        const svg = readFileSync(chart, 'utf8');
        expect(XMLValidator.validate(svg)).to.equal(true);
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['g', 'rect', 'text'].includes(name) }).parse(svg);
        expect(doc.svg['@xmlns']).to.equal('http://www.w3.org/2000/svg');
        expect(doc.svg.title['#text'] ?? doc.svg.title).to.equal('Fix-step funnel');
        type Group = { '@class'?: string; '@data-symptom'?: string; '@data-step'?: string; '@data-tried'?: string; rect?: { '@class'?: string; '@data-series'?: string }[]; text?: unknown[] };
        const groups = doc.svg.g as Group[];
        const steps = groups.filter((g) => g['@class'] === 'step');
        // Every step of every symptom that has cases, each once.
        const expected = report.symptoms.filter((s) => s.cases > 0 && s.steps.length).flatMap((s) => s.steps.map((st) => `${s.symptom}/${st.step}`));
        expect(steps.map((g) => `${g['@data-symptom']}/${g['@data-step']}`)).to.deep.equal(expected);
        for (const g of steps.filter((x) => Number(x['@data-tried']) > 0)) {
            expect(g.rect!.filter((r) => r['@class'] === 'bar').map((r) => r['@data-series'])).to.deep.equal(['tried', 'worked', 'notWorked', 'abandoned']);
        }
        for (const title of ['Re-enter the security code', 'Reconnect Bluetooth', 'Code not accepted', 'Tried', 'Worked', 'Did not work', 'Abandoned']) {
            expect(svg).to.include(`>${title}<`);
        }
    });

    it('reads DATA_DIR/feedback.jsonl from the configuration by default', async () => {
        writeFileSync(join(dir, 'feedback.jsonl'), readFileSync(fixture));
        const { code, out } = await run(['--json'], { DATA_DIR: dir });
        expect(code).to.equal(0);
        expect(JSON.parse(out)).to.include({ file: join(dir, 'feedback.jsonl') });
        const missing = await run([], { DATA_DIR: join(dir, 'nowhere') });
        expect(missing.code).to.equal(1);
        expect(missing.err).to.include('No feedback records at');
        const bad = await run(['--top', 'lots', '--file', fixture]);
        expect(bad.code).to.equal(2);
        expect(bad.err).to.include('Usage: npm run report');
    });

    it('runs as a command (what npm run report runs)', async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', join(root, 'bot', 'report', 'cli.ts'), '--file', fixture, '--json'], { cwd: root });
        expect(JSON.parse(stdout).overall.cases).to.equal(9);
    });
});
