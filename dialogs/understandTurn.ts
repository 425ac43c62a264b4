// Classifies the person's message once per turn, notes it in the case file, and shows the
// result in the Emulator's inspector as a trace activity.
import { Channels, type TurnContext } from 'botbuilder';
import type { DialogContext, PromptOptions } from 'botbuilder-dialogs';
import type { Classification } from '../bot/nlu/classification';
import { wasRedacted } from '../bot/privacy/redactionMiddleware';
import { allSymptoms } from '../knowledge/lookup';
import { questionKinds, type QuestionKind, type ReplyClassification } from '../knowledge/replyActs';
import { keptMessages, newCaseFile, rememberMessage, type CaseFile } from './caseFile';
import { bandOf, type Band } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';

export interface Understanding {
    text: string;
    classification: Classification;
    band: Band;
    /** Where in the dialogs the message arrived: "fixSteps > troubleshoot > main". */
    dialogStep: string;
    /** At a question: what kind it is and what the reply classifier made of the reply. */
    reply?: { kind: QuestionKind; question: string; reading: ReplyClassification };
}

const understandingKey = Symbol('understanding');
const replyReadingKey = Symbol('replyReading');
export const classificationTraceType = 'https://bmw-connected-help/classification';

/** The open case, or a fresh one when there is none or the last one has ended. */
export async function currentCase(deps: DialogDeps, context: TurnContext): Promise<CaseFile> {
    let caseFile = await deps.caseFile.get(context);
    if (!caseFile || caseFile.outcome) {
        caseFile = newCaseFile(context.activity.channelId);
        await deps.caseFile.set(context, caseFile);
    }
    return caseFile;
}

/** A reply as it is compared with labels and read: lower case, plain apostrophes, no trailing punctuation. */
export const normalizeReply = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/[\s.!?]+$/, '').trim();

/** What the reply classifier makes of this turn's text as an answer to a question of this kind; read once a turn. */
export function readReply(deps: DialogDeps, context: TurnContext, text: string, kind: QuestionKind): ReplyClassification {
    const cached = context.turnState.get(replyReadingKey) as { kind: QuestionKind; text: string; reading: ReplyClassification } | undefined;
    if (cached && cached.kind === kind && cached.text === text) return cached.reading;
    const reading = deps.classifyReply(text, kind);
    context.turnState.set(replyReadingKey, { kind, text, reading });
    return reading;
}

/** Prompt options that name their question, so replies to it are read (and traced) as answers. */
export interface NamedQuestionOptions extends PromptOptions {
    kind: QuestionKind;
    /** For the reply records: a diagnostic question id, a step id, or confirmSymptom, earlyHelp, escalate, welcomeBack, feedback. */
    question: string;
}

/** The question open at the innermost prompt, when its options say what kind of question it is. */
function openQuestion(dc: DialogContext): { kind: QuestionKind; question: string } | undefined {
    let inner = dc;
    while (inner.child) inner = inner.child;
    const options: { kind?: unknown; question?: unknown } = inner.activeDialog?.state?.options ?? {};
    const kind = questionKinds.find((k) => k === options.kind);
    return kind && typeof options.question === 'string' ? { kind, question: options.question } : undefined;
}

/** The dialog the person is in, innermost first, for the trace: "fixSteps > troubleshoot > main". */
function dialogPath(dc: DialogContext): string {
    const ids: string[] = [];
    for (let c: DialogContext | undefined = dc; c; c = c.child) if (c.activeDialog) ids.unshift(c.activeDialog.id);
    return ids.join(' > ') || '(none)';
}

/** This turn's understanding, if the dialogs have classified it (for logs and metrics after the turn). */
export function turnUnderstanding(context: TurnContext): Understanding | undefined {
    return context.turnState.get(understandingKey) as Understanding | undefined;
}

export async function understandTurn(deps: DialogDeps, dc: DialogContext): Promise<Understanding> {
    const cached = dc.context.turnState.get(understandingKey) as Understanding | undefined;
    if (cached) return cached;
    const text = (dc.context.activity.text ?? '').trim();
    const classification = deps.classify(text);
    const band = bandOf(classification, new Set(allSymptoms(deps.knowledge).map((s) => s.id)));
    const asked = openQuestion(dc);
    const reply = asked && text ? { ...asked, reading: readReply(deps, dc.context, normalizeReply(text), asked.kind) } : undefined;
    const understanding: Understanding = { text, classification, band, dialogStep: dialogPath(dc), reply };
    dc.context.turnState.set(understandingKey, understanding);
    // The code is already gone from the text; say so once, then help with the problem as usual.
    if (wasRedacted(dc.context)) await dc.context.sendActivity(deps.knowledge.replies.securityCodeWarning);

    const caseFile = await currentCase(deps, dc.context);
    if (text) rememberMessage(caseFile, text);
    caseFile.classifications = [...caseFile.classifications, { intent: classification.intent, score: classification.score, band }].slice(-keptMessages);

    // Only the Emulator shows traces (the adapter drops them on every other channel), so only
    // there is one worth building and passing through every reply handler.
    if (dc.context.activity.channelId === Channels.Emulator) {
        // At a question the reply's act is what the bot acts on, so that is what the trace shows first.
        const value = reply
            ? { act: reply.reading.act, score: reply.reading.score, alternatives: reply.reading.alternatives, question: reply.question, kind: reply.kind, dialogStep: understanding.dialogStep, intent: classification.intent, intentScore: classification.score }
            : { intent: classification.intent, score: classification.score, alternatives: classification.alternatives, band, dialogStep: understanding.dialogStep };
        const label = reply ? 'What the reply classifier made of this answer' : 'What the intent classifier made of this message';
        await dc.context.sendTraceActivity('Classification', value, classificationTraceType, label);
    }
    return understanding;
}
