// Answers to the diagnostic questions in a reply's own words, clause by clause: "bluetooth's fine
// but the signal in my garage is rubbish" says yes to Bluetooth and no to the internet. A clause
// belongs to the question whose `about` words it names; what it says is read by the reply
// classifier as the answer to a yes/no question. Read as one, that reply was a confident "no" to
// Bluetooth, and the plan began with turning Bluetooth on.
import { findSymptom } from '../knowledge/lookup';
import type { Knowledge } from '../knowledge/load';
import type { Question } from '../knowledge/schema';
import { compileMarkingWords, replyClauses, type MarkingWords } from '../bot/nlu/replyText';
import { stem } from '../bot/nlu/stem';
import { tokenize } from '../bot/nlu/tokenize';
import { highConfidence } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';
import { diagnosticQuestion } from './questions';
import { answerWithAct } from './replyPrompt';

const markingWords = new WeakMap<Knowledge, MarkingWords>();

// An answer is a sentence or two; past this many clauses a message ("wifi, wifi, wifi, ...") is not read
// clause by clause, so its cost stays that of one reading whatever its length.
const maxClauses = 12;

function wordsOf(knowledge: Knowledge): MarkingWords {
    let words = markingWords.get(knowledge);
    if (!words) {
        words = compileMarkingWords(knowledge.replyMarking, knowledge.language);
        markingWords.set(knowledge, words);
    }
    return words;
}

const stems = (text: string, knowledge: Knowledge) => tokenize(text, knowledge.language).map((t) => stem(t, knowledge.language));

/** Whether the clause names one of the question's `about` words or phrases ("mobile data"), by stem, so "updated" names "update". */
function names(clause: string[], question: Question, knowledge: Knowledge): boolean {
    const padded = ` ${clause.join(' ')} `;
    return question.about.some((phrase) => {
        const words = stems(phrase, knowledge);
        return words.length > 0 && padded.includes(` ${words.join(' ')} `);
    });
}

/**
 * The answer a piece of a reply gives to a question, when the classifier is sure of it: a guess
 * here fills a question nobody was asked, so it must be better than a guess at the prompt.
 */
function answerIn(deps: DialogDeps, symptomId: string, question: Question, text: string): string | undefined {
    const reading = deps.classifyReply(text, 'yesNo');
    if (reading.score < highConfidence) return undefined;
    return answerWithAct(diagnosticQuestion(deps, symptomId, question.id).acts, reading.act);
}

/**
 * The symptom's questions a reply answers clause by clause, by question id. Only a reply that
 * speaks of another question than the open one, or of several, is read this way: "bluetooth is on"
 * to the Bluetooth question is an ordinary answer, read whole by the prompt. What the other clauses
 * say ("yes, but the wifi is weak") answers the open question.
 */
export function answersInClauses(deps: DialogDeps, symptomId: string, openQuestion: string | undefined, text: string): Record<string, string> {
    const { knowledge } = deps;
    const { article, symptom } = findSymptom(knowledge, symptomId);
    const questions = symptom.questions.map((id) => article.questions.find((q) => q.id === id)!);
    const parts = replyClauses(text, wordsOf(knowledge));
    if (parts.length > maxClauses) return {};
    const clauses = parts.map((clause) => {
        const words = stems(clause, knowledge);
        return { clause, about: questions.filter((q) => names(words, q, knowledge)) };
    });
    const named = new Set(clauses.flatMap((c) => (c.about.length === 1 ? [c.about[0]!.id] : [])));
    if (named.size === 0 || (named.size === 1 && openQuestion !== undefined && named.has(openQuestion))) return {};

    const given: Record<string, string> = {};
    for (const { clause, about } of clauses) {
        const question = about.length === 1 ? about[0]! : undefined;
        if (!question || question.id in given) continue;
        const answer = answerIn(deps, symptomId, question, clause);
        if (answer) given[question.id] = answer;
    }
    const open = questions.find((q) => q.id === openQuestion);
    const rest = clauses.filter((c) => c.about.length === 0).map((c) => c.clause).join(', ');
    if (open && !(open.id in given) && rest) {
        const answer = answerIn(deps, symptomId, open, rest);
        if (answer) given[open.id] = answer;
    }
    return given;
}
