// Scores one identifier on labelled messages: what a customer would notice is a reply in the
// wrong language, so a named language that is wrong counts against it and "cannot tell" on an
// en/de message counts as not right (the bot then keeps the conversation's language).
import type { Identify } from './candidates';
import { wordCount, type LabelledMessage } from './messages';

export interface Score {
    /** en/de messages named right, of all en/de messages. */
    accuracy: number;
    /** en/de messages named as the other language (or a third one). */
    wrong: number;
    /** 1-3-word en/de messages named right. */
    shortAccuracy: number;
    /** "either" messages given a language anyway; the rest were "cannot tell". */
    eitherNamed: number;
    counts: { languaged: number; short: number; either: number };
}

export function score(identify: Identify, messages: LabelledMessage[]): Score {
    let right = 0;
    let wrong = 0;
    let shortRight = 0;
    let short = 0;
    let eitherNamed = 0;
    let either = 0;
    for (const message of messages) {
        const answer = identify(message.text);
        if (message.language === 'either') {
            either += 1;
            if (answer !== undefined) eitherNamed += 1;
            continue;
        }
        const isShort = wordCount(message.text) <= 3;
        if (isShort) short += 1;
        if (answer === message.language) {
            right += 1;
            if (isShort) shortRight += 1;
        } else if (answer !== undefined) wrong += 1;
    }
    const languaged = messages.length - either;
    return {
        accuracy: right / languaged,
        wrong: wrong / languaged,
        shortAccuracy: shortRight / short,
        eitherNamed: eitherNamed / either,
        counts: { languaged, short, either }
    };
}

/** A share as a percentage with one decimal. */
export const percent = (share: number) => (100 * share).toFixed(1);
