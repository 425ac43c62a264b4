// `npm run knowledge:check` as a content author runs it: a summary when all is well, and the
// problem lines on stderr with exit code 1 when not.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { articleFile, brokenKnowledge, copyKnowledge, editYaml, fileLabel, intentFile, readText, removeFixtures, translatedKnowledge, writeText } from './fixtures';

const repoRoot = join(__dirname, '..', '..');

function check(...args: string[]) {
    const run = spawnSync('npx', ['tsx', 'knowledge/check.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 15000 });
    if (run.error) throw run.error;
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('knowledge:check CLI', function () {
    this.timeout(20000);
    after(removeFixtures);

    it('exits 0 and prints a summary for the real knowledge folder', () => {
        const run = check();
        expect(run.stderr).to.equal('');
        const summary = (language: string) =>
            `knowledge ok \\(${language}\\): 1 article\\(s\\), 4 symptoms, 12 intents, \\d+ training utterances, \\d+ lookup table\\(s\\), 15 reply acts with \\d+ example replies, \\d+ reply lexicon\\(s\\)\\n`;
        expect(run.stdout).to.match(new RegExp(`^${summary('en')}${summary('de')}$`));
        expect(run.status).to.equal(0);
    });

    it('checks the German against the English, naming the German file and field', () => {
        const dir = translatedKnowledge();
        editYaml(dir, `de/${articleFile}`, (a) => { a.steps[0].title = ''; a.symptoms[0].difficulty = 1; });
        const run = check(dir);
        expect(run.stdout).to.equal('');
        expect(run.stderr.split('\n')).to.deep.equal([
            `${fileLabel(dir, `de/${articleFile}`, repoRoot)}: symptoms.0.difficulty: differs from English: English has 2, German has 1; ids, numbers and references stay as in English`,
            `${fileLabel(dir, `de/${articleFile}`, repoRoot)}: steps.0.title: missing German text`,
            '2 problem(s) found.',
            ''
        ]);
        expect(run.status).to.equal(1);
    });

    it('exits 1 and prints each problem as file: path: message on stderr', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].difficulty = 7; });
        const run = check(dir);
        expect(run.stdout).to.equal('');
        expect(run.stderr.split('\n')).to.deep.equal([
            `${fileLabel(dir, articleFile, repoRoot)}: symptoms.0.difficulty: Too big: expected number to be <=5`,
            '1 problem(s) found.',
            ''
        ]);
        expect(run.status).to.equal(1);
    });

    it('reports a YAML syntax error as one line, without a stack trace', () => {
        const dir = copyKnowledge();
        const file = intentFile('thanks');
        const lines = readText(dir, file).split('\n');
        const line = lines.indexOf('  - thx') + 1;
        lines[line - 1] = '\t- thx';
        writeText(dir, file, lines.join('\n'));
        const run = check(dir);
        const stderr = run.stderr.trimEnd().split('\n');
        expect(stderr).to.have.length(2);
        expect(stderr[0]).to.satisfy((l: string) => l.startsWith(`${fileLabel(dir, file, repoRoot)}: line ${line}: Tabs are not allowed`));
        expect(stderr[1]).to.equal('1 problem(s) found.');
        expect(run.status).to.equal(1);
    });
});
