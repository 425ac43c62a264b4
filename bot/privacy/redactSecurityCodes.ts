// A person may type their security code or PIN into the chat. It must never be stored, logged,
// echoed or passed to an agent, so every text is redacted before anything else sees it.

export const redactionMarker = '[redacted code]';

/** Words that make nearby digits or letter-digit tokens look like a secret rather than a model or a year. */
const codeContext = /\b(codes?|pins?|passcodes?|pass\s?words?|passwords?|pw|security\s?numbers?|digits?|combination|unlock)\b/i;

/** Four or more digits, possibly split by spaces, dots or dashes ("4821", "48 21", "4-8-2-1"). */
const digitRun = /(?<![\w[])\d(?:[\s.\-]?\d){3,}(?![\w\]])/g;

/** Tokens of 4+ letters and digits mixed, such as "a7x9k2": codes if the message talks about codes. */
const mixedToken = /\b(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{4,}\b/gi;

/** Years and model names that are not secrets when nothing in the message talks about codes. */
const looksLikeYear = /^(19|20)\d\d$/;

export interface Redaction {
    text: string;
    /** True when something was removed, so the bot can ask the person not to share codes. */
    redacted: boolean;
}

export function redactSecurityCodes(input: string): Redaction {
    const inCodeContext = codeContext.test(input);
    const bareNumber = /^\W*\d(?:[\s.\-]?\d){3,}\W*$/.test(input);
    let redacted = false;
    let text = input.replace(digitRun, (run) => {
        if (!inCodeContext && !bareNumber && looksLikeYear.test(run)) return run;
        redacted = true;
        return redactionMarker;
    });
    if (inCodeContext) {
        text = text.replace(mixedToken, (token) => {
            redacted = true;
            return redactionMarker;
        });
    }
    return { text, redacted };
}
