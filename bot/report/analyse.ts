// The analytics over the feedback records: per symptom and per fix step, the resolution funnel,
// containment, escalation and not-understood rates, how replies to each question were taken,
// ratings and comments, and the messages the bot did not place.
// Pure: records in, figures out; reading files and printing live in cli.ts.
import { caseOutcomes, type CaseOutcome } from '../../dialogs/caseFile';
import type { FeedbackRating, FeedbackRecord } from '../../dialogs/feedbackRecord';
import { languages, type Language } from '../../knowledge/languages';
import type { Knowledge } from '../../knowledge/load';
import {
    addCase,
    addReply,
    byCase,
    emptyNotUnderstood,
    emptyReplyCounts,
    firstReplyAt,
    questionTable,
    ratio,
    type NotUnderstood,
    type QuestionReplies,
    type ReplyCounts,
    type ReplyRecord
} from './replyFigures';
import { stepsGiven, type CaseRecord } from './stepsGiven';

/**
 * What each figure means; printed with --json so a reader of the numbers has the definitions.
 * Rates are fractions (0..1), or null when there is nothing to divide by.
 */
export const definitions = {
    cases: 'Closed cases (records of kind "case"): resolved, escalated, declined or abandoned. A chat that never named a problem and was not escalated is no case.',
    containmentRate: 'Cases resolved by the bot, without a human / cases.',
    escalationRate: 'Cases handed to a human (outcome escalated) / cases.',
    everyTurn:
        'Not understood at any turn: (replies the bot refused at one of its questions + messages the router could not place) / turns, summed over the cases ' +
        'recorded reply by reply (records of kind "reply"; cases from before them are counted in olderCases and left out). A case\'s turns are the messages ' +
        'its record counts, or its replies and unrecognised messages before it closed when those are more, plus its replies after it closed (the feedback question).',
    fallbackRate:
        'notUnderstood / messages as the case records count them, summed over cases. Records written before reply records count only the router\'s fallbacks ' +
        'there, leaving out replies refused at the bot\'s questions; everyTurn, from the reply records, is the figure that covers every turn.',
    outsideCases:
        'Replies refused and messages not placed whose case has no record: the conversation is still open, or never reached a problem and so never became ' +
        'a case (a greeting, then messages the bot could not place). They are not in everyTurn, which needs the case\'s turns to divide by.',
    replies:
        'Replies to one of the bot\'s questions (records of kind "reply"), per question or step: understood from a button or its exact label, understood from text, ' +
        'confirmed (an unclear reply that the one confirming question settled), refused (the bot asked again), or a digression (why, howHard, how, newProblem, ' +
        'correction, seeAlso) that was answered before asking again. refusedRate = refused / replies. available is false when the records hold no reply records.',
    languages:
        'The same rates for the cases of each language the person and the bot spoke (records written before the bot spoke German count as English), ' +
        'in the order the bot lists its languages; a language with no case is left out.',
    dispositions:
        'How agents said their live chats ended (records of kind "disposition", from `end <disposition>` on the agent desk), by disposition, ' +
        'in the order of knowledge/desk.yaml, then any the records name that it no longer lists. A chat whose agent never said is not counted.',
    comments: 'Written comments after a rating (records of kind "comment"), already redacted when written.',
    unrecognisedRate: 'Messages the router could not place and fell back on (records of kind "unrecognised" whose case closed) / messages of all cases.',
    tried: 'Times the step was given: worked + notWorked + alreadyTried + cannotDo + abandoned.',
    abandoned:
        'The step was the last one given in a case that was abandoned: the first step of the plan (from the diagnostic answers) not yet answered, once every question was answered.'
} as const;

export interface StepFunnel {
    step: string;
    title: string;
    tried: number;
    worked: number;
    notWorked: number;
    alreadyTried: number;
    cannotDo: number;
    abandoned: number;
}

export interface Rates {
    cases: number;
    /** Not understood at any turn; see definitions.everyTurn. */
    everyTurn: NotUnderstood;
    outcomes: Record<CaseOutcome, number>;
    containmentRate: number | null;
    escalationRate: number | null;
    messages: number;
    notUnderstood: number;
    fallbackRate: number | null;
    unrecognised: number;
    unrecognisedRate: number | null;
    ratings: { good: number; bad: number };
}

export interface SymptomReport extends Rates {
    /** null for cases escalated before a symptom was identified. */
    symptom: string | null;
    title: string;
    steps: StepFunnel[];
    /** Replies to this symptom's questions and steps, and to the menu and feedback of its cases. */
    questions: QuestionReplies[];
}

export interface LanguageReport extends Rates {
    language: Language;
    /** The language's name as agents read it (replies.yaml), or its code without the knowledge. */
    name: string;
}

export interface Comment {
    caseId: string;
    at: string;
    /** The case's symptom, null when the case is not among the records or had none. */
    symptom: string | null;
    /** The rating the comment followed, when there was one. */
    rating: FeedbackRating | null;
    text: string;
}

export interface ReplyReport {
    /** false for records written before reply records existed: the per-reply figures were not measured. */
    available: boolean;
    total: ReplyCounts;
    questions: QuestionReplies[];
}

/** Live chats ended with one disposition; `label` is the id when knowledge/desk.yaml no longer lists it. */
export interface DispositionCount {
    disposition: string;
    label: string;
    chats: number;
}

export interface Report {
    records: { cases: number; ratings: number; unrecognised: number; replies: number; comments: number; dispositions: number; skippedLines: number };
    overall: Rates;
    symptoms: SymptomReport[];
    /** Containment, resolution and the rest, per language spoken. */
    languages: LanguageReport[];
    replies: ReplyReport;
    /** Not understood in conversations with no case record; see definitions.outsideCases. */
    outsideCases: { refusedReplies: number; unrecognisedMessages: number };
    comments: Comment[];
    dispositions: DispositionCount[];
    topUnrecognised: { text: string; count: number }[];
    definitions: typeof definitions;
}

export interface AnalyseOptions {
    /** Titles, step order, and the abandoned step; without it ids stand in for titles. */
    knowledge?: Knowledge;
    /** How many unrecognised messages to list (default 10). */
    top?: number;
    /** Lines of the file that were not valid records, to report alongside. */
    skippedLines?: number;
}

function emptyRates(): Rates {
    return {
        cases: 0,
        everyTurn: emptyNotUnderstood(),
        outcomes: Object.fromEntries(caseOutcomes.map((o) => [o, 0])) as Record<CaseOutcome, number>,
        containmentRate: null,
        escalationRate: null,
        messages: 0,
        notUnderstood: 0,
        fallbackRate: null,
        unrecognised: 0,
        unrecognisedRate: null,
        ratings: { good: 0, bad: 0 }
    };
}

function finishRates(rates: Rates): void {
    rates.containmentRate = ratio(rates.outcomes.resolved, rates.cases);
    rates.escalationRate = ratio(rates.outcomes.escalated, rates.cases);
    rates.fallbackRate = ratio(rates.notUnderstood, rates.messages);
    rates.unrecognisedRate = ratio(rates.unrecognised, rates.messages);
}

/** "  My Car  is BLUE " and "my car is blue" are the same message. */
export function normaliseMessage(text: string): string {
    return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function analyse(records: readonly FeedbackRecord[], options: AnalyseOptions = {}): Report {
    const { knowledge } = options;
    const cases = records.filter((r): r is CaseRecord => r.kind === 'case');
    const ratings = records.filter((r) => r.kind === 'rating');
    const unrecognised = records.filter((r) => r.kind === 'unrecognised');
    const replies = records.filter((r): r is ReplyRecord => r.kind === 'reply');
    const comments = records.filter((r) => r.kind === 'comment');
    const dispositions = records.filter((r) => r.kind === 'disposition');
    const repliesOf = byCase(replies);
    const unrecognisedOf = byCase(unrecognised);
    const repliesSince = firstReplyAt(replies);

    // Symptoms in the knowledge base's order (each with its steps in order), then any others the
    // records name, then the cases with no symptom.
    const bySymptom = new Map<string | null, SymptomReport>();
    const symptomEntry = (id: string | null): SymptomReport => {
        let entry = bySymptom.get(id);
        if (!entry) {
            entry = { symptom: id, title: id ?? 'Not identified', steps: [], questions: [], ...emptyRates() };
            bySymptom.set(id, entry);
        }
        return entry;
    };
    const stepEntry = (symptom: SymptomReport, stepId: string): StepFunnel => {
        let step = symptom.steps.find((s) => s.step === stepId);
        if (!step) {
            step = { step: stepId, title: stepId, tried: 0, worked: 0, notWorked: 0, alreadyTried: 0, cannotDo: 0, abandoned: 0 };
            symptom.steps.push(step);
        }
        return step;
    };
    for (const article of knowledge?.articles ?? []) {
        for (const symptom of article.symptoms) {
            const entry = symptomEntry(symptom.id);
            entry.title = symptom.title;
            for (const stepId of symptom.steps) stepEntry(entry, stepId).title = article.steps.find((s) => s.id === stepId)?.title ?? stepId;
        }
    }

    const overall = emptyRates();
    const languageName = (language: Language) => knowledge?.replies.handoff.agentCard.languageNames[language] ?? language;
    const byLanguage = new Map<Language, LanguageReport>(languages.map((language) => [language, { language, name: languageName(language), ...emptyRates() }]));
    const caseSymptom = new Map<string, SymptomReport>();
    const caseLanguage = new Map<string, LanguageReport>();
    for (const record of cases) {
        const entry = symptomEntry(record.symptom);
        const spoken = byLanguage.get(record.language)!;
        caseSymptom.set(record.caseId, entry);
        caseLanguage.set(record.caseId, spoken);
        for (const rates of [overall, entry, spoken]) {
            rates.cases += 1;
            rates.outcomes[record.outcome] += 1;
            rates.messages += record.messages;
            rates.notUnderstood += record.notUnderstood;
            addCase(rates.everyTurn, record, repliesOf.get(record.caseId) ?? [], unrecognisedOf.get(record.caseId) ?? [], repliesSince);
        }
        for (const given of stepsGiven(record, knowledge)) {
            const step = stepEntry(entry, given.id);
            step.tried += 1;
            step[given.outcome] += 1;
        }
    }
    for (const rating of ratings) {
        overall.ratings[rating.rating] += 1;
        for (const entry of [caseSymptom.get(rating.caseId), caseLanguage.get(rating.caseId)]) if (entry) entry.ratings[rating.rating] += 1;
    }
    const counts = new Map<string, number>();
    for (const record of unrecognised) {
        const entry = caseSymptom.get(record.caseId);
        if (entry) {
            entry.unrecognised += 1;
            overall.unrecognised += 1;
            caseLanguage.get(record.caseId)!.unrecognised += 1;
        }
        const text = normaliseMessage(record.text);
        if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
    }

    const total = emptyReplyCounts();
    for (const reply of replies) addReply(total, reply);
    // A reply belongs to the problem it was about, or, asked before one was named or after the case
    // closed (the menu, "did you mean", the feedback), to the problem of its case.
    const replySymptom = (r: ReplyRecord) => r.symptom ?? caseSymptom.get(r.caseId)?.symptom ?? null;
    for (const entry of bySymptom.values()) {
        entry.questions = questionTable(replies.filter((r) => replySymptom(r) === entry.symptom), knowledge, entry.symptom ?? undefined);
    }
    const lastRating = new Map(ratings.map((r) => [r.caseId, r.rating]));
    const closed = new Set(cases.map((c) => c.caseId));
    const outsideCases = {
        refusedReplies: replies.filter((r) => r.understood === 'refused' && !closed.has(r.caseId)).length,
        unrecognisedMessages: unrecognised.filter((r) => !closed.has(r.caseId)).length
    };

    finishRates(overall);
    for (const entry of bySymptom.values()) finishRates(entry);
    for (const entry of byLanguage.values()) finishRates(entry);
    // The no-symptom group goes last, and only when it holds cases.
    const symptoms = [...bySymptom.values()]
        .filter((s) => s.symptom !== null || s.cases > 0)
        .sort((a, b) => Number(a.symptom === null) - Number(b.symptom === null));

    return {
        records: {
            cases: cases.length,
            ratings: ratings.length,
            unrecognised: unrecognised.length,
            replies: replies.length,
            comments: comments.length,
            dispositions: dispositions.length,
            skippedLines: options.skippedLines ?? 0
        },
        overall,
        symptoms,
        languages: [...byLanguage.values()].filter((l) => l.cases > 0),
        replies: { available: replies.length > 0, total, questions: questionTable(replies, knowledge) },
        outsideCases,
        comments: comments
            .map((c) => ({
                caseId: c.caseId,
                at: c.at,
                symptom: caseSymptom.get(c.caseId)?.symptom ?? null,
                rating: lastRating.get(c.caseId) ?? null,
                text: c.text
            }))
            .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
        dispositions: dispositionCounts(dispositions.map((d) => d.disposition), knowledge),
        topUnrecognised: [...counts.entries()]
            .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
            .slice(0, options.top ?? 10)
            .map(([text, count]) => ({ text, count })),
        definitions
    };
}

/** Every disposition the desk offers (zero included, so a lead sees what was never picked), then any others the records name. */
function dispositionCounts(picked: string[], knowledge: Knowledge | undefined): DispositionCount[] {
    const rows = new Map<string, DispositionCount>();
    for (const d of knowledge?.desk.dispositions ?? []) rows.set(d.id, { disposition: d.id, label: d.label, chats: 0 });
    for (const id of picked) {
        const row = rows.get(id) ?? { disposition: id, label: id, chats: 0 };
        row.chats += 1;
        rows.set(id, row);
    }
    return [...rows.values()];
}
