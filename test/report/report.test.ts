// npm run report on fixtures of feedback records whose figures were worked out by hand: one
// written before reply records existed, one of typed conversations recorded reply by reply.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyse, type Report } from '../../bot/report/analyse';
import { formatText } from '../../bot/report/formatText';
import type { QuestionReplies } from '../../bot/report/replyFigures';
import { feedbackRecordSchema } from '../../dialogs/feedbackRecord';
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
        expect(report.records).to.deep.equal({ cases: 9, ratings: 5, unrecognised: 5, replies: 0, comments: 0, dispositions: 0, skippedLines: 2 });
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

    it('records from before reply records say the per-reply figures are unavailable, not zero', async () => {
        expect(report.replies.available).to.equal(false);
        expect(report.replies.questions).to.deep.equal([]);
        expect(report.overall.everyTurn).to.deep.include({ measuredCases: 0, turns: 0, rate: null });
        for (const s of report.symptoms.filter((x) => x.cases > 0)) {
            expect(s.everyTurn, String(s.symptom)).to.deep.include({ measuredCases: 0, turns: 0, rate: null });
        }
        expect(report.overall.everyTurn.olderCases).to.equal(9);
        // The one unplaced message of a case that never closed is still shown, apart.
        expect(report.outsideCases).to.deep.equal({ refusedReplies: 0, unrecognisedMessages: 1 });
        const { out } = await run(['--file', fixture]);
        expect(out).to.include('Per-reply figures unavailable: these records were written before the bot recorded replies to its questions');
        expect(out).not.to.include('question or step');
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
        expect(json).to.have.all.keys('file', 'records', 'overall', 'symptoms', 'languages', 'topUnrecognised', 'replies', 'outsideCases', 'comments', 'dispositions', 'definitions');
        expect(json.file).to.equal(fixture);
        expect(json.overall).to.include({ cases: 9, containmentRate: 0.3333, escalationRate: 0.2222, fallbackRate: 0.234 });
        expect(json.topUnrecognised).to.have.length(2);
        expect(json.definitions).to.have.keys('cases', 'containmentRate', 'escalationRate', 'everyTurn', 'fallbackRate', 'outsideCases', 'replies', 'languages', 'dispositions', 'comments', 'unrecognisedRate', 'tried', 'abandoned');
        const code0 = json.symptoms[0];
        expect(code0).to.include({ symptom: 'code_not_accepted', cases: 5 });
        expect(code0.steps[0]).to.have.all.keys('step', 'title', 'tried', 'worked', 'notWorked', 'alreadyTried', 'cannotDo', 'abandoned');
    });

    it('prints a text report with the rates and each step', async () => {
        const { code, out } = await run(['--file', fixture]);
        expect(code).to.equal(0);
        expect(out).to.include('containment 33.3% (3 of 9 resolved without a human)');
        // These records predate reply records: the router's fallbacks are not presented as every turn.
        expect(out).to.include("not understood: unavailable, these cases predate reply records · router fallbacks alone 23.4% (11 of 47 messages), which leaves out replies refused at the bot's questions");
        expect(out).not.to.match(/not understood \d/);
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

    it('counts live chats by disposition, every one the desk offers, and keeps one it no longer lists', async () => {
        const at = '2026-12-01T10:00:00.000Z';
        const lines = [...readFileSync(fixture, 'utf8').split('\n'), ...['resolved', 'resolved', 'no-response', 'retired-one'].map((disposition, i) =>
            JSON.stringify({ kind: 'disposition', caseId: `c-${i}`, at, agent: 'aad:t/o', disposition }))];
        const file = join(dir, 'with-dispositions.jsonl');
        writeFileSync(file, lines.join('\n'));
        const { code, out } = await run(['--file', file]);
        expect(code).to.equal(0);
        expect(out).to.match(/Resolved \(resolved\)\s+2\n/).and.match(/Customer stopped answering \(no-response\)\s+1\n/).and.match(/Duplicate of another case \(duplicate\)\s+0\n/);
        expect(out).to.match(/retired-one \(retired-one\)\s+1\n/);
        expect((await run(['--file', fixture])).out).to.include('Live chats by how the agent ended them\n  (none recorded)');
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

// Six typed conversations recorded reply by reply (t1..t6) as the dialogs write them (the rating and
// the comment are replies to the feedback question, with no symptom), one still open (t7), one that
// never reached a problem (t8), and two cases
// from before reply records were written (o1, o2). Every figure below was counted by hand from
// test/report/fixtures/typed-conversations.jsonl.
describe('report: replies at questions and what the bot did not understand', function () {
    this.timeout(30_000);
    const typed = join(__dirname, 'fixtures', 'typed-conversations.jsonl');
    const knowledge = loadKnowledge();
    const { records } = parseRecords(readFileSync(typed, 'utf8'));
    const report = analyse(records, { knowledge });
    const symptom = (id: string | null) => report.symptoms.find((s) => s.symptom === id)!;
    /** question, replies, button, text, confirmed, refused: the columns a manager reads. */
    const columns = (rows: QuestionReplies[]) => rows.map((r) => [r.question, r.replies, r.button, r.text, r.confirmed, r.refused]);

    it('reads every record of the file, replies and comments included', () => {
        expect(report.records).to.deep.equal({ cases: 8, ratings: 3, unrecognised: 5, replies: 46, comments: 2, dispositions: 0, skippedLines: 0 });
    });

    it('counts as not understood every refused reply and every unplaced message, over every turn', () => {
        expect(report.overall.everyTurn).to.deep.equal({
            measuredCases: 6,
            olderCases: 2,
            // t1 7 messages + the rating and the comment after it closed, t2 13, t3 10, t4 8 + 2, t5 7, t6 4.
            turns: 53,
            refusedReplies: 7,
            unrecognisedMessages: 2,
            notUnderstood: 9,
            rate: 0.1698
        });
        // What the old figure said about the same cases: only the router's fallbacks, 3 of 58.
        expect(report.overall.fallbackRate).to.equal(0.0517);
        const rates = Object.fromEntries(
            report.symptoms.map((s) => [String(s.symptom), [s.everyTurn.notUnderstood, s.everyTurn.turns, s.everyTurn.olderCases]])
        );
        expect(rates).to.deep.equal({
            code_not_accepted: [2, 16, 1], // t5's two unplaced messages; o1 is older
            app_not_connecting: [2, 13, 1], // t2's two refusals; o2 (and its unplaced "pls help") is older
            security_features_disabled: [3, 10, 0],
            notifications_not_received: [0, 10, 0],
            null: [2, 4, 0] // t6: "did you mean" refused twice
        });
        expect(symptom('security_features_disabled').everyTurn.rate).to.equal(0.3);
    });

    it('counts what was not understood in conversations that never closed a case, apart', () => {
        // t7 is still open (one refusal); t8 said hello and two things the bot could not place, and left.
        expect(report.outsideCases).to.deep.equal({ refusedReplies: 1, unrecognisedMessages: 2 });
        expect(report.topUnrecognised.map((u) => u.text)).to.include.members(['asdf', 'qwerty??']);
    });

    it('tabulates replies per question and per step, in conversation order, with the knowledge titles', () => {
        const { questions, total } = report.replies;
        expect(report.replies.available).to.equal(true);
        expect(columns(questions)).to.deep.equal([
            ['menu', 1, 1, 0, 0, 0],
            ['disambiguation', 2, 0, 0, 0, 2],
            ['confirmSymptom', 6, 3, 3, 0, 0], // t7's replies count though its case is still open
            ['earlyHelp', 1, 0, 1, 0, 0],
            ['software_up_to_date', 5, 0, 3, 0, 2],
            ['bluetooth_on', 1, 0, 1, 0, 0],
            ['internet_ok', 1, 1, 0, 0, 0],
            ['permissions_granted', 3, 1, 0, 0, 1],
            ['notifications_enabled', 1, 0, 1, 0, 0],
            ['reset_app', 2, 1, 1, 0, 0],
            ['check_updates', 4, 1, 2, 0, 0],
            ['re_enter_code', 5, 0, 3, 1, 0],
            ['reconnect_bluetooth', 2, 0, 1, 0, 1],
            ['check_network', 1, 0, 1, 0, 0],
            ['check_permissions', 1, 0, 1, 0, 0],
            ['review_security_settings', 2, 0, 1, 0, 0],
            ['review_security_code', 3, 0, 0, 0, 2],
            ['escalate', 1, 0, 1, 0, 0],
            ['feedback', 4, 2, 2, 0, 0] // a rating and a comment each in t1 and t4
        ]);
        const row = (id: string) => questions.find((q) => q.question === id)!;
        expect(row('software_up_to_date').title).to.equal("A quick check first: are both the BMW Connected app and your car's software on the latest version?");
        expect(row('re_enter_code')).to.deep.include({ kind: 'step', title: 'Step: Re-enter the security code', refusedRate: 0 });
        expect(row('review_security_code').refusedRate).to.equal(0.6667);
        expect(row('confirmSymptom')).to.deep.include({ kind: 'fixed', title: 'Confirm the symptom' });
        const digressions = Object.fromEntries(questions.filter((q) => Object.values(q.digressions).some(Boolean)).map((q) => [q.question, q.digressions]));
        const none = { why: 0, howHard: 0, how: 0, newProblem: 0, correction: 0, seeAlso: 0 };
        expect(digressions).to.deep.equal({
            permissions_granted: { ...none, how: 1 },
            check_updates: { ...none, seeAlso: 1 },
            re_enter_code: { ...none, why: 1 },
            review_security_settings: { ...none, howHard: 1 },
            review_security_code: { ...none, newProblem: 1 }
        });
        expect(total).to.deep.include({ replies: 46, button: 10, text: 22, confirmed: 1, refused: 8, digression: 5, refusedRate: 0.1739 });
    });

    it('gives each symptom the replies to its questions and steps, and to the menu and feedback of its cases', () => {
        expect(columns(symptom('app_not_connecting').questions)).to.deep.equal([
            ['confirmSymptom', 1, 1, 0, 0, 0],
            ['bluetooth_on', 1, 0, 1, 0, 0],
            ['permissions_granted', 3, 1, 0, 0, 1],
            // The symptom's own step order: check_network and check_permissions come before reconnecting.
            ['check_network', 1, 0, 1, 0, 0],
            ['check_permissions', 1, 0, 1, 0, 0],
            ['reconnect_bluetooth', 2, 0, 1, 0, 1],
            ['check_updates', 1, 1, 0, 0, 0],
            ['reset_app', 1, 0, 1, 0, 0],
            ['escalate', 1, 0, 1, 0, 0]
        ]);
        // t5 reached the problem through the menu; t1's rating and comment carry no symptom of their own.
        expect(columns(symptom('code_not_accepted').questions)).to.deep.equal([
            ['menu', 1, 1, 0, 0, 0],
            ['confirmSymptom', 3, 1, 2, 0, 0],
            ['software_up_to_date', 3, 0, 2, 0, 1],
            ['re_enter_code', 5, 0, 3, 1, 0],
            ['feedback', 2, 1, 1, 0, 0]
        ]);
        expect(columns(symptom(null).questions)).to.deep.equal([['disambiguation', 2, 0, 0, 0, 2]]);
    });

    it('lists the comments with their case, date, symptom and rating', () => {
        expect(report.comments).to.deep.equal([
            { caseId: 't1', at: '2026-02-10T09:07:00.000Z', symptom: 'code_not_accepted', rating: 'good', text: 'Good in the end, but I had to say twice that it worked' },
            {
                caseId: 't4',
                at: '2026-02-10T12:11:30.000Z',
                symptom: 'notifications_not_received',
                rating: 'bad',
                text: 'Took ages, and it asked me things I had already said. My PIN [redacted code] was never the problem'
            }
        ]);
    });

    it('prints what a manager reads: the not-understood figure, the reply tables and the comments', async () => {
        let out = '';
        expect(await runReport(['--file', typed], { out: (t) => (out += t), err: () => undefined, env: {} })).to.equal(0);
        expect(out).to.include(
            'not understood 17.0% (9 of 53 turns: 7 replies refused at a question, 2 messages the router could not place) · over 6 cases; 2 older cases without reply records left out'
        );
        expect(out).to.include('not understood 30.0% (3 of 10 turns: 3 replies refused at a question, 0 messages the router could not place)');
        expect(out).to.match(
            /not understood 17\.0%[^\n]*\n {2}and outside any closed case \(still open, or never reached a problem\): 1 reply refused at a question, 2 messages the router could not place\n/
        );
        expect(out).to.match(/Step: Review the security code setting\s+3\s+0\s+0\s+0\s+2\s+66\.7%\s+1 \(newProblem 1\)/);
        expect(out).to.match(/Did you mean A or B\?\s+2\s+0\s+0\s+0\s+2\s+100\.0%\s+0/);
        expect(out).to.match(/Is Bluetooth turned on, on both your phone and your car\?\s+1\s+0\s+1\s+0\s+0\s+0\.0%\s+0/);
        expect(out).to.include('2026-02-10 09:07  case t1 (code_not_accepted, good): Good in the end, but I had to say twice that it worked');
        expect(out).to.include('2026-02-10 12:11  case t4 (notifications_not_received, bad): Took ages');
        expect(out).not.to.include('Per-reply figures unavailable');
        expect(out).not.to.include('router fallbacks alone');

        let json = '';
        await runReport(['--file', typed, '--json'], { out: (t) => (json += t), err: () => undefined, env: {} });
        const parsed = JSON.parse(json);
        expect(parsed.overall.everyTurn.rate).to.equal(0.1698);
        expect(parsed.replies.questions).to.have.length(19);
        expect(parsed.comments.map((c: { caseId: string }) => c.caseId)).to.deep.equal(['t1', 't4']);
    });

    it('prints comments and unplaced messages without the control characters a person typed', async () => {
        // Typed by someone, stored redacted but otherwise as sent: an escape sequence would clear
        // or recolour the manager's terminal, a right-to-left override would reorder the line.
        const dir = mkdtempSync(join(tmpdir(), 'report-hostile-'));
        try {
            const file = join(dir, 'feedback.jsonl');
            const hostile = 'fine\u001b[2J\u001b[31m really \u202Eevil\u0007';
            writeFileSync(
                file,
                [
                    { kind: 'comment', caseId: 'h1', at: '2026-02-12T08:00:00.000Z', text: hostile },
                    { kind: 'unrecognised', caseId: 'h1', at: '2026-02-12T07:59:00.000Z', text: hostile }
                ]
                    .map((r) => JSON.stringify(r))
                    .join('\n') + '\n'
            );
            let out = '';
            expect(await runReport(['--file', file], { out: (t) => (out += t), err: () => undefined, env: {} })).to.equal(0);
            // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the terminal
            expect(out).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/);
            expect(out).to.include('case h1: fine\uFFFD[2J\uFFFD[31m really \uFFFDevil\uFFFD');
            expect(out).to.include('fine\uFFFD[2J\uFFFD[31m really \uFFFDevil\uFFFD');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('measures a case with no replies once replies are recorded, never counts more not understood than turns, and keeps odd replies', () => {
        const at = (minute: number) => `2026-02-11T08:${String(minute).padStart(2, '0')}:00.000Z`;
        const reply = (caseId: string, minute: number, understood: 'refused' | 'text') =>
            ({ kind: 'reply', caseId, at: at(minute), symptom: 'code_not_accepted', question: 're_enter_code', understood }) as const;
        const extra = [
            // Asked for a person at once: no question was asked, yet the case was measured.
            { kind: 'case', caseId: 'n1', at: at(1), channel: 'webchat', symptom: null, answers: {}, steps: [], outcome: 'escalated', messages: 1, notUnderstood: 0 },
            // 25 replies (10 refused) in a case whose record counted only the last 20 messages.
            ...Array.from({ length: 25 }, (_, i) => reply('n2', 10 + i, i < 10 ? 'refused' : 'text')),
            { kind: 'case', caseId: 'n2', at: at(40), channel: 'webchat', symptom: 'code_not_accepted', answers: { software_up_to_date: 'yes' }, steps: [], outcome: 'abandoned', messages: 20, notUnderstood: 0 },
            // A reply to a question the knowledge no longer has keeps its id and goes last.
            { kind: 'reply', caseId: 't7', at: at(50), symptom: 'code_not_accepted', question: 'retired_question', understood: 'refused' },
            // A digression recorded without its kind still shows in the digressions column.
            { kind: 'reply', caseId: 't7', at: at(51), symptom: 'code_not_accepted', question: 'confirmSymptom', understood: 'digression' }
        ] as const;
        const more = analyse([...records, ...extra.map((r) => feedbackRecordSchema.parse(r))], { knowledge });
        expect(more.overall.everyTurn).to.deep.include({ measuredCases: 8, olderCases: 2, turns: 53 + 1 + 25, refusedReplies: 17, notUnderstood: 19 });
        expect(more.replies.questions.at(-1)).to.deep.include({ question: 'retired_question', kind: 'unknown', title: 'retired_question', refused: 1 });
        const confirm = more.replies.questions.find((q) => q.question === 'confirmSymptom')!;
        expect(confirm).to.deep.include({ replies: 7, digression: 1 });
        expect(Object.values(confirm.digressions).every((n) => n === 0)).to.equal(true);
    });

    it('breaks containment and resolution down by the language spoken, counting records from before German as English', () => {
        const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
        const closed = (caseId: string, minute: number, outcome: 'resolved' | 'escalated', language?: 'en' | 'de') =>
            feedbackRecordSchema.parse({ kind: 'case', caseId, at: at(minute), channel: 'webchat', language, symptom: 'code_not_accepted', answers: {}, steps: [], outcome, messages: 4, notUnderstood: 0 });
        const spoken = analyse([
            closed('d1', 1, 'resolved', 'de'),
            closed('d2', 2, 'escalated', 'de'),
            closed('d3', 3, 'resolved', 'de'),
            closed('e1', 4, 'escalated', 'en'),
            closed('old', 5, 'resolved'),
            feedbackRecordSchema.parse({ kind: 'rating', caseId: 'd1', at: at(6), rating: 'good' })
        ], { knowledge });
        const rows = spoken.languages.map(({ language, name, cases, containmentRate, escalationRate, outcomes, ratings }) => ({
            language, name, cases, containmentRate, escalationRate, resolved: outcomes.resolved, ratings
        }));
        expect(rows).to.deep.equal([
            { language: 'en', name: 'English', cases: 2, containmentRate: 0.5, escalationRate: 0.5, resolved: 1, ratings: { good: 0, bad: 0 } },
            { language: 'de', name: 'German', cases: 3, containmentRate: 0.6667, escalationRate: 0.3333, resolved: 2, ratings: { good: 1, bad: 0 } }
        ]);
        expect(formatText(spoken, 'test')).to.match(/Conversations in German\n {2}cases 3: resolved 2, escalated 1/);
    });
});
