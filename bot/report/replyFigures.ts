// How the bot took the replies to its own questions (records of kind "reply"), per question and
// per step, and the "not understood" figure over every turn of a case: replies the prompts
// refused plus messages the router could not place. Pure: records in, figures out.
import { digressionKinds, type DigressionKind, type FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { Knowledge } from '../../knowledge/load';
import { nameQuestion, questionOrder, type QuestionKind } from './replyQuestions';
import type { CaseRecord } from './stepsGiven';

export type ReplyRecord = Extract<FeedbackRecord, { kind: 'reply' }>;
export type UnrecognisedRecord = Extract<FeedbackRecord, { kind: 'unrecognised' }>;

export interface ReplyCounts {
    replies: number;
    /** Understood from a button or its exact label. */
    button: number;
    /** Understood from the person's own words. */
    text: number;
    /** Unclear at first, then confirmed by the one confirming question. */
    confirmed: number;
    /** Not understood: the bot asked again. */
    refused: number;
    /** A question about the step, a new problem, a correction...: answered, then the question asked again. */
    digression: number;
    /** Refused / replies. */
    refusedRate: number | null;
    /** Digressions by kind; a digression recorded without its kind is only in `digression`. */
    digressions: Record<DigressionKind, number>;
}

export interface QuestionReplies extends ReplyCounts {
    question: string;
    kind: QuestionKind;
    title: string;
}

/** The not-understood figure of a group of cases; see `definitions.notUnderstoodRate`. */
export interface NotUnderstood {
    /** Cases whose turns were recorded reply by reply, which the figure covers. */
    measuredCases: number;
    /** Cases from before reply records were written: left out, as nothing says how their replies went. */
    olderCases: number;
    turns: number;
    refusedReplies: number;
    unrecognisedMessages: number;
    notUnderstood: number;
    rate: number | null;
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function emptyReplyCounts(): ReplyCounts {
    return {
        replies: 0,
        button: 0,
        text: 0,
        confirmed: 0,
        refused: 0,
        digression: 0,
        refusedRate: null,
        digressions: Object.fromEntries(digressionKinds.map((k) => [k, 0])) as Record<DigressionKind, number>
    };
}

export function addReply(counts: ReplyCounts, record: ReplyRecord): void {
    counts.replies += 1;
    counts[record.understood] += 1;
    if (record.understood === 'digression' && record.digression) counts.digressions[record.digression] += 1;
    counts.refusedRate = ratio(counts.refused, counts.replies);
}

/**
 * One row per question that got replies, in conversation order (see questionOrder), then any
 * question the knowledge does not name, by id.
 */
export function questionTable(replies: readonly ReplyRecord[], knowledge?: Knowledge, symptomId?: string): QuestionReplies[] {
    const rows = new Map<string, QuestionReplies>();
    for (const record of replies) {
        let row = rows.get(record.question);
        if (!row) {
            const name = nameQuestion(record.question, knowledge);
            row = { question: name.id, kind: name.kind, title: name.title, ...emptyReplyCounts() };
            rows.set(record.question, row);
        }
        addReply(row, record);
    }
    const order = questionOrder(knowledge, symptomId);
    const rank = (id: string) => {
        const i = order.indexOf(id);
        return i === -1 ? order.length : i;
    };
    return [...rows.values()].sort((a, b) => rank(a.question) - rank(b.question) || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0));
}

export function emptyNotUnderstood(): NotUnderstood {
    return { measuredCases: 0, olderCases: 0, turns: 0, refusedReplies: 0, unrecognisedMessages: 0, notUnderstood: 0, rate: null };
}

/** Groups records by case id, keeping the file's order. */
export function byCase<T extends { caseId: string }>(records: readonly T[]): Map<string, T[]> {
    const map = new Map<string, T[]>();
    for (const record of records) {
        const list = map.get(record.caseId);
        if (list) list.push(record);
        else map.set(record.caseId, [record]);
    }
    return map;
}

/**
 * Adds one closed case to the figure. A case counts as measured when it has reply records, or
 * closed after reply records began (`repliesSince`): a case of buttons and one fallback is still
 * measured. Its turns are the messages its record counts (every classified message, capped by
 * the case file), or, when that is fewer, its replies and unrecognised messages before it
 * closed; plus its replies after it closed (the feedback question), which the record cannot count.
 */
export function addCase(
    figure: NotUnderstood,
    record: CaseRecord,
    replies: readonly ReplyRecord[],
    unrecognised: readonly UnrecognisedRecord[],
    repliesSince: number | undefined
): void {
    const closedAt = Date.parse(record.at);
    if (replies.length === 0 && (repliesSince === undefined || !(closedAt >= repliesSince))) {
        figure.olderCases += 1;
        return;
    }
    figure.measuredCases += 1;
    const after = replies.filter((r) => Date.parse(r.at) > closedAt).length;
    figure.turns += Math.max(record.messages, replies.length - after + unrecognised.length) + after;
    figure.refusedReplies += replies.filter((r) => r.understood === 'refused').length;
    figure.unrecognisedMessages += unrecognised.length;
    figure.notUnderstood = figure.refusedReplies + figure.unrecognisedMessages;
    figure.rate = ratio(figure.notUnderstood, figure.turns);
}

/** When reply records began: the earliest reply's time, undefined when there are none. */
export function firstReplyAt(replies: readonly ReplyRecord[]): number | undefined {
    let first: number | undefined;
    for (const reply of replies) {
        const at = Date.parse(reply.at);
        if (!Number.isNaN(at) && (first === undefined || at < first)) first = at;
    }
    return first;
}
