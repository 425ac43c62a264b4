// Every path of the knowledge graph, generated from the data: each symptom, each combination of
// diagnostic answers, each step answered each way, in every language the bot speaks (each walk
// presses that language's labels). A new article or language is covered with no new test.
// The last test fails when some answer or step outcome was never exercised, and writes the
// report that `npm run coverage:paths` prints.
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepOutcomes, type StepOutcome } from '../../dialogs/caseFile';
import { languages } from '../../knowledge/languages';
import type { Knowledge } from '../../knowledge/load';
import { answerCombinations, planSteps } from '../../knowledge/planSteps';
import { knowledgeAndClassifier } from './conversationHarness';
import { walkPath, type PathPlan } from './pathWalker';

const exercised = new Set<string>();

/** Every answer and every step outcome one language's knowledge allows: what the walks must cover. */
function everythingPossible(knowledge: Knowledge): string[] {
    return knowledge.articles.flatMap((article) =>
        article.symptoms.flatMap((symptom) => [
            ...symptom.questions.flatMap((q) => article.questions.find((x) => x.id === q)!.answers.map((a) => `${knowledge.language}:${symptom.id}/${q}=${a.id}`)),
            ...symptom.steps.flatMap((s) => stepOutcomes.map((o) => `${knowledge.language}:${symptom.id}/${s}=${o}`))
        ])
    );
}

/** For one plan of n steps: every failing outcome on every step, then "worked" at each position. */
function outcomeScripts(n: number): { outcomes: StepOutcome[]; acceptHuman: boolean }[] {
    const failing: StepOutcome[] = ['notWorked', 'alreadyTried', 'cannotDo'];
    const allFail = failing.map((_failing, shift) => ({
        outcomes: Array.from({ length: n }, (_, i) => failing[(i + shift) % failing.length]!),
        acceptHuman: shift % 2 === 0
    }));
    const workedAt = Array.from({ length: n }, (_, k) => ({
        outcomes: [...Array.from({ length: k }, (_, i) => failing[i % failing.length]!), 'worked' as StepOutcome],
        acceptHuman: false
    }));
    return [...allFail, ...workedAt];
}

describe('every path of the knowledge graph', function () {
    for (const language of languages) {
        const { knowledge } = knowledgeAndClassifier(language);
        for (const article of knowledge.articles) {
            for (const symptom of article.symptoms) {
                describe(`${language}: ${symptom.title}`, () => {
                    for (const answers of answerCombinations(article, symptom)) {
                        const steps = planSteps(article, symptom, answers);
                        const label = Object.entries(answers).map(([q, a]) => `${q}=${a}`).join(', ') || 'no questions';
                        it(`${label}: ${steps.length} steps, each answered every way`, async () => {
                            for (const script of outcomeScripts(steps.length)) {
                                const plan: PathPlan = { symptom: symptom.id, answers, ...script };
                                const done = await walkPath(knowledge, plan);
                                [...done.answers, ...done.outcomes].forEach((x) => exercised.add(`${language}:${x}`));
                            }
                        });
                    }
                });
            }
        }
    }

    // Its own suite, defined last, so mocha runs it after every walk above.
    describe('path coverage', () => it('exercises every diagnostic answer and every step outcome', () => {
        const possible = languages.flatMap((language) => everythingPossible(knowledgeAndClassifier(language).knowledge));
        const missing = possible.filter((x) => !exercised.has(x));
        const report = { possible: possible.length, exercised: possible.length - missing.length, missing };
        mkdirSync(join(__dirname, '..', 'artifacts'), { recursive: true });
        writeFileSync(join(__dirname, '..', 'artifacts', 'path-coverage.json'), JSON.stringify(report, null, 2));
        expect(missing, 'answers or step outcomes no test walks through').to.deep.equal([]);
    }));
});
