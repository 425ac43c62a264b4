// A question the person may answer by button or in their own words. A button (or its exact
// label) is a sure answer; anything typed is read by the reply classifier for the kind of
// question asked. A step counts as worked only on a clear success: an unclear reply gets one
// confirming question, "doing it now" keeps the question open, and a question about the step,
// a related topic or another problem is answered before asking again. Refusing is the last
// resort, and the refusal names the answers in words. Every reply leaves one `reply` record.
import type { Activity, TurnContext } from 'botbuilder';
import { Prompt, type Choice, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { allSymptoms, findSymptom } from '../knowledge/lookup';
import type { ReplyAct, ReplyClassification } from '../knowledge/replyActs';
import type { Choice as KnowledgeChoice, Replies } from '../knowledge/schema';
import { choicesOf } from './answerChoices';
import { choiceStyleFor } from './choiceStyle';
import { ambiguityFloor, highConfidence, mediumConfidence } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';
import { answerHow, answerHowHard, answerWhy, inWords, relatedArticleAsked } from './digressions';
import type { DigressionKind, ReplyUnderstanding } from './feedbackRecord';
import { fillTemplate } from './fillTemplate';
import { recognizeAnswer } from './recognizeAnswer';
import { currentCase } from './caseFile';
import { normalizeReply, readReply, type NamedQuestionOptions } from './understandTurn';

export interface ReplyPromptOptions extends NamedQuestionOptions {
    /** The problem being worked on, when there is one: "why?" and "how hard?" are about it. */
    symptom?: string;
    /** answer value -> the reply acts that mean it when typed. */
    acts: Record<string, ReplyAct[]>;
    /** Asked again after a digression, instead of the whole prompt (a short "Did that work?" rather than the card). */
    reask?: Partial<Activity>;
}

/** The answer's value, or a change of problem the person asked for. */
export type ReplyResult = { answer: string } | { switchTo: string; correction: boolean };

/** Where the question stands between turns (kept in the prompt's dialog state). */
interface Asking {
    /** The one confirming question after an unclear "did that work?" is open. */
    confirming?: boolean;
    /** "Finish this first or switch now?" is open, about this symptom. */
    offeredSwitch?: string;
}

/** The step whose card a clicked button was on (Web Chat and the Emulator send the card's data). */
function cardStep(context: TurnContext): string | undefined {
    const value: unknown = context.activity.value;
    const step = typeof value === 'object' && value !== null && 'step' in value ? value.step : undefined;
    return typeof step === 'string' ? step : undefined;
}

/** Acts that say how a step went, however unsure the classifier is of which. */
const outcomeActs = new Set<ReplyAct>(['worked', 'stillFailing', 'alreadyTried', 'cannotDo', 'unsure', 'affirm', 'deny']);

const choicesIn = (options: PromptOptions): Choice[] => (options.choices ?? []).map((c) => (typeof c === 'string' ? { value: c } : c));

/** The acts that mean each answer of a set from replies.yaml or an article question. */
export function actsOf(answers: { id: string; choice: KnowledgeChoice }[], replies: Replies): Record<string, ReplyAct[]> {
    return Object.fromEntries(answers.map(({ id, choice }) => [id, choice.acts.length ? choice.acts : (replies.answerActs[choice.vocabulary ?? id] ?? [])]));
}

/** The answer whose acts include this one: "affirm" is the "yes" of a yes/no question. */
export function answerWithAct(acts: Record<string, ReplyAct[]>, act: ReplyAct): string | undefined {
    return Object.entries(acts).find(([, list]) => list.includes(act))?.[0];
}

export function actsOfSet<K extends string>(set: Record<K, KnowledgeChoice>, replies: Replies): Record<string, ReplyAct[]> {
    return actsOf(Object.entries<KnowledgeChoice>(set).map(([id, choice]) => ({ id, choice })), replies);
}

export class ReplyPrompt extends Prompt<ReplyResult> {
    constructor(id: string, private readonly deps: DialogDeps) {
        super(id);
    }

    /**
     * botbuilder reads the reply once more when the turn's activityReceived event bubbles; reading
     * a reply here answers and records it, so it happens once, in continueDialog.
     */
    protected override async onPreBubbleEvent(): Promise<boolean> {
        return false;
    }

    /**
     * Every reply not taken as an answer is already answered in onRecognize (a refusal, a
     * digression, "take your time"), so there is never a retry to send. botbuilder would send one
     * when `context.responded` is false, which it is while replies wait in the reply buffer.
     */
    protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
        if (isRetry || !options.prompt) return;
        await context.sendActivity(this.withButtons(context, options.prompt, options));
    }

    private withButtons(context: TurnContext, prompt: string | Partial<Activity>, options: PromptOptions) {
        const activity = typeof prompt === 'string' ? { type: 'message', text: prompt } : prompt;
        if (activity.attachments?.length) return activity;
        return this.appendChoices(activity, context.activity.channelId, options.choices ?? [], options.style ?? choiceStyleFor(context.activity.channelId));
    }

    protected override async onRecognize(context: TurnContext, state: Asking, options: ReplyPromptOptions): Promise<PromptRecognizerResult<ReplyResult>> {
        const text = normalizeReply(context.activity.text ?? '');
        const { replies } = this.deps.knowledge;

        if (state.offeredSwitch) {
            const other = state.offeredSwitch;
            state.offeredSwitch = undefined;
            const switchChoices = choicesOf(replies.answers.switchProblem, replies);
            const picked = recognizeAnswer(text, switchChoices)?.value;
            if (picked === 'switchNow') return { succeeded: true, value: { switchTo: other, correction: false } };
            if (picked === 'finishFirst') {
                const caseFile = await currentCase(this.deps.caseFile, context);
                // Answers to questions both problems ask ("is the internet fine?") carry over.
                const asks = findSymptom(this.deps.knowledge, other).symptom.questions;
                const shared = Object.fromEntries(Object.entries(caseFile.answers).filter(([q]) => asks.includes(q)));
                caseFile.pending = [...caseFile.pending, { symptom: other, answers: shared, steps: [] }];
                await context.sendActivity(
                    fillTemplate(replies.understanding.newProblemNoted, { other: findSymptom(this.deps.knowledge, other).symptom.title })
                );
                return this.askAgain(context, options);
            }
            // Anything else is read as an answer to the question itself.
        }

        const pressedOn = cardStep(context);
        if (pressedOn && pressedOn !== options.question) {
            // A button on an older step's card: not an answer to the step shown now.
            await context.sendActivity(replies.understanding.oldStepButton);
            await this.record(context, options, 'refused');
            return this.askAgain(context, options, !!state.confirming);
        }

        const confirming = !!state.confirming;
        const choices = confirming ? this.stillWorkingChoices() : choicesIn(options);
        const button = choices.find((c) => normalizeReply(c.action?.title ?? c.value) === text || normalizeReply(c.value) === text);
        if (button) {
            state.confirming = false;
            return this.answer(context, options, button.value, confirming ? 'confirmed' : 'button');
        }

        const related = text ? relatedArticleAsked(this.deps.knowledge, text) : undefined;
        if (related) {
            await context.sendActivity(related);
            await this.record(context, options, 'digression', undefined, 'seeAlso');
            return this.askAgain(context, options, confirming);
        }

        const reading: ReplyClassification | undefined = text ? readReply(this.deps, context, text, options.kind) : undefined;
        const act = reading?.act;
        const digressed = reading && (await this.digress(context, state, options, reading, confirming));
        if (digressed) return digressed;

        if (reading && options.kind === 'stepOutcome' && act === 'inProgress') {
            await this.record(context, options, 'text', act);
            await context.sendActivity(replies.understanding.takeYourTime);
            return { succeeded: false };
        }

        const acts = confirming ? actsOfSet(replies.answers.stillWorking, replies) : options.acts;
        const meant = reading && reading.score >= mediumConfidence ? answerWithAct(acts, reading.act) : undefined;
        if (confirming && meant) {
            state.confirming = false;
            return this.answer(context, options, meant, 'confirmed', act);
        }
        if (options.kind === 'stepOutcome' && !confirming && reading) {
            // Only a clear success closes a case; anything that might be one is checked first.
            // So is a reply about how it went that the classifier cannot place with confidence: unclear, not unknown.
            const maybeWorked =
                (meant === 'worked' && reading.score < highConfidence) ||
                act === 'unsure' ||
                act === 'affirm' ||
                (!meant && act === 'worked') ||
                (!meant && outcomeActs.has(reading.act));
            if (maybeWorked) {
                state.confirming = true;
                await context.sendActivity(this.withButtons(context, replies.understanding.confirmWorked, { choices: this.stillWorkingChoices() }));
                return { succeeded: false };
            }
        }
        // "no, it's the notifications" to "Sounds like ...?" names the problem it is: a correction.
        if (meant === 'no' && options.question === 'confirmSymptom') {
            const other = this.otherSymptom(context.activity.text ?? '', options.symptom, mediumConfidence);
            if (other) {
                await this.record(context, options, 'digression', act, 'correction');
                return { succeeded: true, value: { switchTo: other, correction: true } };
            }
        }
        if (meant) return this.answer(context, options, meant, 'text', act);
        // An answer's own words ("a person" to "Talk to an agent?") still count where a wrong
        // guess cannot close a case; never for "Did that work?", where they made false successes.
        const worded = options.kind === 'stepOutcome' || confirming ? undefined : recognizeAnswer(text, choices);
        if (worded) return this.answer(context, options, worded.value, 'text', act);

        state.confirming = false;
        return this.refuse(context, options, act);
    }

    private stillWorkingChoices(): Choice[] {
        const { replies } = this.deps.knowledge;
        return choicesOf(replies.answers.stillWorking, replies);
    }

    /** Questions about the step and changes of problem, answered before the question is asked again. */
    private async digress(
        context: TurnContext,
        state: Asking,
        options: ReplyPromptOptions,
        reading: ReplyClassification,
        confirming: boolean
    ): Promise<PromptRecognizerResult<ReplyResult> | undefined> {
        const { knowledge } = this.deps;
        if (reading.score < mediumConfidence) return undefined;
        const say = async (kind: DigressionKind, texts: string[]) => {
            for (const t of texts) await context.sendActivity(t);
            await this.record(context, options, 'digression', reading.act, kind);
            return this.askAgain(context, options, confirming);
        };
        switch (reading.act) {
            case 'asksWhy':
                return options.symptom ? say('why', [answerWhy(knowledge, options.symptom)]) : undefined;
            case 'asksDifficulty':
                return options.symptom ? say('howHard', [answerHowHard(knowledge, options.symptom)]) : undefined;
            case 'asksHow':
                return say('how', answerHow(knowledge, options.symptom, options.question));
            case 'newProblem':
            case 'correction': {
                const other = this.otherSymptom(context.activity.text ?? '', options.symptom);
                if (!other) {
                    if (reading.act === 'correction') return undefined;
                    return say('newProblem', [knowledge.replies.understanding.newProblemUnknown]);
                }
                if (reading.act === 'correction' || !options.symptom || options.question === 'confirmSymptom') {
                    await this.record(context, options, 'digression', reading.act, 'correction');
                    return { succeeded: true, value: { switchTo: other, correction: true } };
                }
                state.offeredSwitch = other;
                await this.record(context, options, 'digression', reading.act, 'newProblem');
                const { replies } = knowledge;
                const switchChoices = choicesOf(replies.answers.switchProblem, replies);
                const offer = fillTemplate(replies.understanding.newProblemOffer, { other: findSymptom(knowledge, other).symptom.title });
                await context.sendActivity(this.withButtons(context, offer, { choices: switchChoices }));
                return { succeeded: false };
            }
            default:
                return undefined;
        }
    }

    /**
     * The symptom a message names, when it is not the one being worked on. The reply classifier
     * has already said the person is raising a problem, so the most probable symptom counts even
     * behind a conversation intent ("wait sorry, its actually the notifications" reads half as cancel).
     */
    private otherSymptom(text: string, current: string | undefined, atLeast = ambiguityFloor): string | undefined {
        const symptomIds = new Set(allSymptoms(this.deps.knowledge).map((s) => s.id));
        const { alternatives } = this.deps.classify(text);
        return alternatives.find((a) => symptomIds.has(a.intent) && a.intent !== current && a.score >= atLeast)?.intent;
    }

    private async answer(
        context: TurnContext,
        options: ReplyPromptOptions,
        value: string,
        understood: ReplyUnderstanding,
        act?: ReplyAct
    ): Promise<PromptRecognizerResult<ReplyResult>> {
        await this.record(context, options, understood, act);
        return { succeeded: true, value: { answer: value } };
    }

    private async refuse(context: TurnContext, options: ReplyPromptOptions, act: ReplyAct | undefined): Promise<PromptRecognizerResult<ReplyResult>> {
        const caseFile = await currentCase(this.deps.caseFile, context);
        caseFile.notUnderstood += 1;
        await this.record(context, options, 'refused', act);
        // Kept (already redacted) like unplaced first messages, so gaps in the reply examples can be found.
        const text = (context.activity.text ?? '').trim();
        if (text) await this.deps.feedback.append({ kind: 'unrecognised', caseId: caseFile.caseId, at: new Date().toISOString(), text });
        const labels = choicesIn(options).map((c) => fillTemplate(this.deps.knowledge.replies.quoted, { text: c.action?.title ?? c.value }));
        const listed = inWords(labels, this.deps.language, 'disjunction');
        await context.sendActivity(fillTemplate(this.deps.knowledge.replies.notUnderstoodAnswer, { options: listed }));
        return this.askAgain(context, options);
    }

    /** Asks the open question again: the confirming one if it was open, else the short re-ask or the prompt. */
    private async askAgain(context: TurnContext, options: ReplyPromptOptions, confirming = false): Promise<PromptRecognizerResult<ReplyResult>> {
        if (confirming) {
            await context.sendActivity(
                this.withButtons(context, this.deps.knowledge.replies.understanding.confirmWorked, { choices: this.stillWorkingChoices() })
            );
        } else {
            const again = options.reask ?? options.prompt;
            if (again) await context.sendActivity(this.withButtons(context, again, options.reask ? { ...options, style: undefined } : options));
        }
        return { succeeded: false };
    }

    private async record(context: TurnContext, options: ReplyPromptOptions, understood: ReplyUnderstanding, act?: ReplyAct, digression?: DigressionKind) {
        const caseFile = await currentCase(this.deps.caseFile, context);
        await this.deps.feedback.append({
            kind: 'reply',
            caseId: caseFile.caseId,
            at: new Date().toISOString(),
            symptom: options.symptom ?? caseFile.symptom ?? null,
            question: options.question,
            understood,
            ...(act ? { act } : {}),
            ...(digression ? { digression } : {})
        });
    }
}

/** The options of one question: the prompt, its answers as buttons and the acts that mean each. */
export function replyOptions(
    prompt: string | Partial<Activity>,
    choices: Choice[],
    ask: Pick<ReplyPromptOptions, 'kind' | 'question' | 'symptom' | 'acts' | 'reask'>,
    style?: PromptOptions['style']
): ReplyPromptOptions {
    return { prompt: typeof prompt === 'string' ? { type: 'message', text: prompt } : prompt, choices, style, ...ask };
}

/** A question whose answers are one of replies.yaml's fixed sets (confirm, escalate, ...): buttons and acts from the set. */
export function setQuestion(
    prompt: string,
    set: Record<string, KnowledgeChoice>,
    replies: Replies,
    ask: Pick<ReplyPromptOptions, 'kind' | 'question' | 'symptom'>
): ReplyPromptOptions {
    return replyOptions(prompt, choicesOf(set, replies), { ...ask, acts: actsOfSet(set, replies) });
}
