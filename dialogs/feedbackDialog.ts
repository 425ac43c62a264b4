// "How did I do?" after a case closes, then an optional comment in the person's own words.
// Anything that is neither (another problem, a greeting) is handed back to the router, so a
// person who moves straight on is not ignored.
import { ComponentDialog, TextPrompt, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { allSymptoms } from '../knowledge/lookup';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { feedbackRatings, type FeedbackRating } from './feedbackRecord';
import { openChoicePrompt } from './prompts';
import { commentQuestion, ratingQuestion } from './questions';
import { readReply, understandTurn } from './understandTurn';

/** The case being rated: by the time the rating arrives, a new case may have opened. */
export interface FeedbackOptions {
    caseId: string;
}

/** `reroute`: the message was not feedback and should be understood afresh. */
export type FeedbackResult = { reroute: true } | undefined;

const commentPrompt = 'feedbackComment';
const isRating = (value: string | undefined): value is FeedbackRating => (feedbackRatings as readonly string[]).includes(value ?? '');

export class FeedbackDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.feedback);
        this.addDialog(openChoicePrompt());
        this.addDialog(new TextPrompt(commentPrompt));
        this.addDialog(new WaterfallDialog<FeedbackOptions>('askFeedback', [this.ask.bind(this), this.rate.bind(this), this.comment.bind(this)]));
        this.initialDialogId = 'askFeedback';
    }

    private async ask(step: WaterfallStepContext<FeedbackOptions>) {
        return step.prompt(dialogIds.openChoice, ratingQuestion(this.deps));
    }

    private async rate(step: WaterfallStepContext<FeedbackOptions>) {
        const found: FoundChoice | undefined = step.result;
        const text = (step.context.activity.text ?? '').trim();
        const rating = found?.value ?? (text ? this.ratingInWords(step, text) : undefined);
        if (rating === 'comment') return this.keep(step, text);
        if (!isRating(rating)) return step.endDialog({ reroute: true } satisfies FeedbackResult);
        const { replies } = this.deps.knowledge;
        const { caseId } = step.options;
        await this.deps.feedback.append({ kind: 'rating', caseId, at: new Date().toISOString(), rating });
        // "👍 but you asked a lot": a rating with words is already the comment.
        const pressed = Object.values(replies.answers.feedback).some((a) => a.label.toLowerCase() === text.toLowerCase());
        if (!pressed && text.split(/\s+/).length > 2) return this.keep(step, text);
        await this.deps.feedback.append({ kind: 'reply', caseId, at: new Date().toISOString(), symptom: null, question: 'feedback', understood: pressed ? 'button' : 'text' });
        return step.prompt(commentPrompt, commentQuestion(this.deps, true));
    }

    /**
     * A rating typed in the person's own words, which no button label or phrase matches ("10/10",
     * "meh"): read by the reply classifier as an answer to "How did I do?". A remark alone is a
     * comment; anything else (another problem, a greeting) goes back to the router.
     */
    private ratingInWords(step: WaterfallStepContext<FeedbackOptions>, text: string): FeedbackRating | 'comment' | undefined {
        const { act } = readReply(this.deps, step.context, text, 'feedback');
        return act === 'affirm' ? 'good' : act === 'deny' ? 'bad' : act === 'comment' ? 'comment' : undefined;
    }

    private async comment(step: WaterfallStepContext<FeedbackOptions>) {
        const text: string = step.result ?? '';
        const { classification, band } = await understandTurn(this.deps, step);
        const act = readReply(this.deps, step.context, text, 'feedback').act;
        // Another problem, a greeting or a goodbye is a new turn for the router, not a comment; a
        // remark about the bot that mentions the code ("you asked twice, my code was right") is one.
        const routable = (band === 'high' && classification.intent !== 'none') || (band === 'medium' && allSymptoms(this.deps.knowledge).some((s) => s.id === classification.intent));
        const somethingNew = act === 'newProblem' || (act !== 'comment' && routable);
        if (somethingNew || !text.trim()) return step.endDialog({ reroute: true } satisfies FeedbackResult);
        return this.keep(step, text.trim());
    }

    /** The comment, already redacted of security codes by the middleware before any dialog reads it. */
    private async keep(step: WaterfallStepContext<FeedbackOptions>, text: string) {
        const { caseId } = step.options;
        await this.deps.feedback.append({ kind: 'comment', caseId, at: new Date().toISOString(), text });
        await this.deps.feedback.append({ kind: 'reply', caseId, at: new Date().toISOString(), symptom: null, question: 'feedback', understood: 'text', act: 'comment' });
        await step.context.sendActivity(this.deps.knowledge.replies.understanding.commentThanks);
        return step.endDialog();
    }
}
