// A content author's mistakes in one file are reported as `file: path.to.field: what is wrong`,
// naming the file they edited and the field to fix. Each fixture has exactly one defect, so the
// problem list must be exactly that one line.
import { expect } from 'chai';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
    articleFile,
    brokenKnowledge,
    copyKnowledge,
    editYaml,
    fileLabel,
    intentFile,
    lookupFile,
    problemsOf,
    readText,
    removeFixtures,
    repliesFile,
    writeText,
    writeYaml
} from './fixtures';

describe('knowledge schema errors', () => {
    after(removeFixtures);

    it('reports a difficulty outside 1-5 with the symptom it belongs to', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].difficulty = 7; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, articleFile)}: symptoms.0.difficulty: Too big: expected number to be <=5`
        ]);
    });

    it('reports a disposition listed twice, or with an id agents could not type, in desk.yaml', () => {
        const dir = brokenKnowledge('desk.yaml', (d) => {
            d.dispositions.push({ id: 'Gave Up', label: 'Gave up' });
        });
        const n = parse(readText(copyKnowledge(), 'desk.yaml')).dispositions.length;
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, 'desk.yaml')}: dispositions.${n}.id: must be lowercase letters, digits and hyphens, starting with a letter`
        ]);
        const twice = brokenKnowledge('desk.yaml', (d) => d.dispositions.push({ id: 'resolved', label: 'Solved' }));
        expect(problemsOf(twice)).to.deep.equal([`${fileLabel(twice, 'desk.yaml')}: dispositions.${n}.id: 'resolved' is listed twice`]);
    });

    it('reports a canned response with no text, or an id used twice, in desk.yaml', () => {
        const n = parse(readText(copyKnowledge(), 'desk.yaml')).canned.length;
        const empty = brokenKnowledge('desk.yaml', (d) => d.canned.push({ id: 'blank', title: 'Nothing', text: '  ' }));
        expect(problemsOf(empty)).to.deep.equal([`${fileLabel(empty, 'desk.yaml')}: canned.${n}.text: must not be empty`]);
        const twice = brokenKnowledge('desk.yaml', (d) => d.canned.push({ ...d.canned[0] }));
        expect(problemsOf(twice)).to.deep.equal([`${fileLabel(twice, 'desk.yaml')}: canned.${n}.id: '${parse(readText(twice, 'desk.yaml')).canned[0].id}' is listed twice`]);
    });

    it('reports a step with no title', () => {
        const dir = brokenKnowledge(articleFile, (a) => { delete a.steps[1].title; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, articleFile)}: steps.1.title: Invalid input: expected string, received undefined`
        ]);
    });

    it('reports a step title that is only spaces as empty', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.steps[1].title = '   '; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: steps.1.title: must not be empty`]);
    });

    it('reports an unknown key, such as a misspelt field, naming the key', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[2].primarySuspekt = 'a typo'; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.2: Unrecognized key: "primarySuspekt"`]);
    });

    it('reports an id that is not snake_case', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.steps[0].id = 'Reset-App'; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, articleFile)}: steps.0.id: must be snake_case: lower-case letters, digits and underscores`
        ]);
    });

    it('reports a symptom with no fix steps', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].steps = []; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: symptoms.0.steps: a symptom needs at least one fix step`]);
    });

    it('reports a question with a single answer', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.questions[0].answers.splice(1); });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, articleFile)}: questions.0.answers: a question needs at least two answers`]);
    });

    it('reports a missing reply in replies.yaml', () => {
        const dir = brokenKnowledge(repliesFile, (r) => { delete r.welcome; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, repliesFile)}: welcome: Invalid input: expected string, received undefined`]);
    });

    it('reports an intent file with no utterances', () => {
        const dir = brokenKnowledge(intentFile('thanks'), (i) => { i.utterances = []; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, intentFile('thanks'))}: utterances: Too small: expected array to have >=1 items`
        ]);
    });

    it('reports a lookup entry listed twice, pointing at both', () => {
        const dir = brokenKnowledge(lookupFile, (l) => { l.entries.push(` ${l.entries[3].toUpperCase()} `); });
        const copy = readLookupEntries(dir).length - 1;
        const first = readLookupEntries(dir)[3]!;
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, lookupFile)}: entries.${copy}: repeats entries.3 ('${first.toUpperCase()}')`]);
    });

    it('reports a lookup entry with no letter or digit, which could never match', () => {
        const dir = brokenKnowledge(lookupFile, (l) => { l.entries[0] = '!!'; });
        expect(problemsOf(dir)).to.deep.equal([`${fileLabel(dir, lookupFile)}: entries.0: must contain a letter or a digit`]);
    });

    it('reports two lookup tables with the same name', () => {
        const dir = copyKnowledge();
        writeYaml(dir, 'lookups/more_products.yaml', { lookup: 'other_product', description: 'More names.', entries: ['zyxcorp'] });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, 'lookups/other_products.yaml')}: lookup: 'other_product' is already the name of the table in ${fileLabel(dir, 'lookups/more_products.yaml')}`
        ]);
    });

    it('reports a YAML syntax error with its line number and no stack trace', () => {
        const dir = copyKnowledge();
        const file = intentFile('thanks');
        const lines = readText(dir, file).split('\n');
        const line = lines.indexOf('  - thx') + 1;
        expect(line, 'thanks.yaml should list "thx"').to.be.greaterThan(0);
        lines[line - 1] = '\t- thx';
        writeText(dir, file, lines.join('\n'));

        const problems = problemsOf(dir);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(new RegExp(`^${escapeRegExp(fileLabel(dir, file))}: line ${line}: Tabs are not allowed as indentation`));
        expect(problems[0]).to.not.include('\n');
        expect(problems[0]).to.not.match(/\bat .*\.(ts|js|cjs|mjs):\d+/);
    });

    it('reports a key given twice as a YAML error on the line of the second one', () => {
        const dir = copyKnowledge();
        const file = intentFile('thanks');
        const text = readText(dir, file);
        writeText(dir, file, `${text}utterances:\n  - again\n`);
        const line = text.split('\n').length;
        const problems = problemsOf(dir);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(new RegExp(`^${escapeRegExp(fileLabel(dir, file))}: line ${line}: Map keys must be unique`));
    });

    it('reports every broken file at once, not just the first', () => {
        const dir = brokenKnowledge(articleFile, (a) => { a.symptoms[0].difficulty = 0; });
        editYaml(dir, repliesFile, (r) => { r.stepCard.question = ''; });
        expect(problemsOf(dir)).to.deep.equal([
            `${fileLabel(dir, articleFile)}: symptoms.0.difficulty: Too small: expected number to be >=1`,
            `${fileLabel(dir, repliesFile)}: stepCard.question: must not be empty`
        ]);
    });

    it('reports a knowledge folder with no articles or intents', () => {
        const dir = copyKnowledge();
        const empty = join(dir, 'nothing-here');
        expect(problemsOf(empty)).to.include.members([
            `${fileLabel(empty, 'articles')}: (folder): no article files found`,
            `${fileLabel(empty, 'intents')}: (folder): no intent files found`
        ]);
    });
});

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readLookupEntries(dir: string): string[] {
    return parse(readText(dir, lookupFile)).entries;
}
