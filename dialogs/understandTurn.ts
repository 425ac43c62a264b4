// Reads the person's message once per turn: what the intent classifier makes of it and, at a
// question, what the reply classifier makes of it as an answer. understandTurn then takes the
// turn's three named steps: warn about a removed code, note the message in the case, trace it.
import type { TurnContext } from 'botbuilder';
import type { DialogContext, PromptOptions } from 'botbuilder-dialogs';
import { wasRedacted } from '../bot/privacy/redactionMiddleware';
import { allSymptoms } from '../knowledge/lookup';
import { questionKinds, type QuestionKind, type ReplyClassification } from '../knowledge/replyActs';
import { currentCase, noteMessage } from './caseFile';
import { traceClassification } from './classificationTrace';
import { bandOf } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';
import { keepTurnUnderstanding, turnUnderstanding, type Understanding } from './turnUnderstanding';

const replyReadingKey = Symbol('replyReading');

/** A reply as it is compared with labels and read: lower case, plain apostrophes, no trailing punctuation. */
export const normalizeReply = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/[\s.!?]+$/, '').trim();

/** What the reply classifier makes of this turn's text as an answer to a question of this kind; read once a turn. */
export function readReply(deps: DialogDeps, context: TurnContext, text: string, kind: QuestionKind): ReplyClassification {
    const cached: { kind: QuestionKind; text: string; reading: ReplyClassification } | undefined = context.turnState.get(replyReadingKey);
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

/** The dialog context of the innermost active dialog: where an open prompt keeps its options. */
export function innermost(dc: DialogContext): DialogContext {
    let inner = dc;
    while (inner.child) inner = inner.child;
    return inner;
}

/** The question open at the innermost prompt, when its options say what kind of question it is. */
function openQuestion(dc: DialogContext): { kind: QuestionKind; question: string } | undefined {
    const options: { kind?: unknown; question?: unknown } = innermost(dc).activeDialog?.state?.options ?? {};
    const kind = questionKinds.find((k) => k === options.kind);
    return kind && typeof options.question === 'string' ? { kind, question: options.question } : undefined;
}

/** The dialog the person is in, innermost first, for the trace: "fixSteps > troubleshoot > main". */
function dialogPath(dc: DialogContext): string {
    const ids: string[] = [];
    for (let c: DialogContext | undefined = dc; c; c = c.child) if (c.activeDialog) ids.unshift(c.activeDialog.id);
    return ids.join(' > ') || '(none)';
}

/** What the message means where it arrived; changes nothing and sends nothing. */
function classifyTurn(deps: DialogDeps, dc: DialogContext): Understanding {
    const text = (dc.context.activity.text ?? '').trim();
    const classification = deps.classify(text);
    const band = bandOf(classification, new Set(allSymptoms(deps.knowledge).map((s) => s.id)));
    const asked = openQuestion(dc);
    const reply = asked && text ? { ...asked, reading: readReply(deps, dc.context, normalizeReply(text), asked.kind) } : undefined;
    return { text, classification, band, dialogStep: dialogPath(dc), reply };
}

/** The code is already gone from the text; say so once, then help with the problem as usual. */
async function warnAboutRemovedCode(deps: DialogDeps, context: TurnContext): Promise<void> {
    if (wasRedacted(context)) await context.sendActivity(deps.knowledge.replies.securityCodeWarning);
}

/** The turn's understanding; the first call of a turn also warns, notes the message in the case and traces it. */
export async function understandTurn(deps: DialogDeps, dc: DialogContext): Promise<Understanding> {
    const known = turnUnderstanding(dc.context);
    if (known) return known;
    const understanding = classifyTurn(deps, dc);
    keepTurnUnderstanding(dc.context, understanding);
    await warnAboutRemovedCode(deps, dc.context);
    const { text, classification, band, reply } = understanding;
    noteMessage(await currentCase(deps.caseFile, dc.context), text, { intent: classification.intent, score: classification.score, band }, reply?.question);
    await traceClassification(dc.context, understanding);
    return understanding;
}
