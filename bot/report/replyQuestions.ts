// The questions a reply record can answer, named for a manager: a diagnostic question by its
// prompt, a fix step by its title, and the dialogs' own questions by what they ask. The same
// closed set bounds the metrics' question label, so a client cannot mint new series.
import { digressionKinds, replyUnderstandings, type FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { Knowledge } from '../../knowledge/load';

type ReplyRecord = Extract<FeedbackRecord, { kind: 'reply' }>;

/** The bot's own questions, in the order a conversation meets them. */
export const fixedQuestions = ['welcomeBack', 'menu', 'disambiguation', 'confirmSymptom', 'earlyHelp', 'escalate', 'feedback'] as const;
export type FixedQuestion = (typeof fixedQuestions)[number];

/** Report wording for the operator, not something the bot says, so it stays beside the report. */
const fixedTitles: Record<FixedQuestion, string> = {
    welcomeBack: 'Welcome back: the same problem again?',
    menu: 'Menu: which problem is it?',
    disambiguation: 'Did you mean A or B?',
    confirmSymptom: 'Confirm the symptom',
    earlyHelp: 'Offer of a person before a hard fix',
    escalate: 'Offer of a person',
    feedback: 'Feedback: how did I do?'
};

export type QuestionKind = 'fixed' | 'question' | 'step' | 'unknown';

export interface QuestionName {
    id: string;
    kind: QuestionKind;
    title: string;
}

const isFixed = (id: string): id is FixedQuestion => (fixedQuestions as readonly string[]).includes(id);

/** What the question is and how to call it; an id the knowledge no longer has keeps its id. */
export function nameQuestion(id: string, knowledge?: Knowledge): QuestionName {
    if (isFixed(id)) return { id, kind: 'fixed', title: fixedTitles[id] };
    for (const article of knowledge?.articles ?? []) {
        const question = article.questions.find((q) => q.id === id);
        if (question) return { id, kind: 'question', title: question.prompt };
        const step = article.steps.find((s) => s.id === id);
        if (step) return { id, kind: 'step', title: `Step: ${step.title}` };
    }
    return { id, kind: 'unknown', title: id };
}

/**
 * Every question a reply can answer, in conversation order: the welcome back, the menu and the symptom's
 * confirmation, the diagnostic questions, the fix steps, then the offers of a person and the
 * feedback. With a symptom, only that symptom's questions and steps.
 */
export function questionOrder(knowledge?: Knowledge, symptomId?: string): string[] {
    const middle: string[] = [];
    for (const article of knowledge?.articles ?? []) {
        if (symptomId === undefined) {
            middle.push(...article.questions.map((q) => q.id), ...article.steps.map((s) => s.id));
            continue;
        }
        const symptom = article.symptoms.find((s) => s.id === symptomId);
        if (symptom) middle.push(...symptom.questions, ...symptom.steps);
    }
    const [welcomeBack, menu, disambiguation, confirmSymptom, earlyHelp, escalate, feedback] = fixedQuestions;
    return [...new Set([welcomeBack, menu, disambiguation, confirmSymptom, earlyHelp, ...middle, escalate, feedback])];
}

/** The metrics label for a question: itself when the knowledge or the dialogs define it, else 'other'. */
export function questionLabel(id: string, knowledge?: Knowledge): string {
    return nameQuestion(id, knowledge).kind === 'unknown' ? 'other' : id;
}

/**
 * A reply record's metric labels, each from a closed set: the question as questionLabel says,
 * how it was understood, and the digression kind ('none' when the reply was no digression).
 */
export function replyMetricLabels(
    record: Pick<ReplyRecord, 'question' | 'understood' | 'digression'>,
    knowledge?: Knowledge
): { question: string; understood: string; digression: string } {
    const oneOf = (value: string | undefined, set: readonly string[]) => (value !== undefined && set.includes(value) ? value : 'other');
    return {
        question: questionLabel(record.question, knowledge),
        understood: oneOf(record.understood, replyUnderstandings),
        digression: record.understood === 'digression' ? oneOf(record.digression, digressionKinds) : 'none'
    };
}
