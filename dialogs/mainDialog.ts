// The router: understands each message and sends it where it belongs. A clear symptom starts
// troubleshooting; two close symptoms get "did you mean A or B?"; a message the bot does not
// understand climbs a ladder: ask to rephrase (or, for a message clearly about something else,
// say what the bot covers), then show the menu, then offer a human.
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
    ComponentDialog,
    DialogSet,
    DialogTurnStatus,
    WaterfallDialog,
    type DialogContext,
    type DialogState,
    type DialogTurnResult,
    type FoundChoice,
    type WaterfallStepContext
} from 'botbuilder-dialogs';
import { allSymptoms, findSymptom } from '../knowledge/lookup';
import { toChoice } from './answerChoices';
import { withChoices } from './choiceStyle';
import { closeCase } from './closeCase';
import { isClearlyOutOfScope } from './confidenceBands';
import type { DialogDeps } from './dialogDeps';
import { dialogIds } from './dialogIds';
import { FeedbackDialog, type FeedbackOptions } from './feedbackDialog';
import { fillTemplate } from './fillTemplate';
import { HandoffDialog } from './handoffDialog';
import { interrupt } from './interruptions';
import { choiceOptions, openChoicePrompt } from './prompts';
import { askAgainInLanguage, offerHumanQuestion, welcomeBackQuestion } from './questions';
import { ReplyPrompt, type ReplyResult } from './replyPrompt';
import { TroubleshootDialog, type TroubleshootOptions, type TroubleshootResult } from './troubleshootDialog';
import { currentCase } from './caseFile';
import { innermost, understandTurn } from './understandTurn';
import { lastCase, type PastCase } from './userProfile';

export interface RouteOptions {
    /** Skip understanding and show the symptom menu with this text (or the plain menu prompt). */
    showMenu?: boolean;
    menuText?: string;
    /** Ask how it went for this case (after a human agent ended the chat). */
    feedbackFor?: string;
}

/** What the router asked, so the next step knows how to read the answer. */
type Asked = 'menu' | 'disambiguation' | 'offerHuman' | 'welcomeBack' | 'troubleshoot' | 'feedback' | 'nothing';
const asked = (step: WaterfallStepContext<RouteOptions>): { value?: Asked; lastSymptom?: string } => step.values;

export class MainDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(dialogIds.main);
        this.addDialog(openChoicePrompt());
        this.addDialog(new ReplyPrompt(dialogIds.reply, deps));
        this.addDialog(new TroubleshootDialog(deps));
        this.addDialog(new HandoffDialog(deps));
        this.addDialog(new FeedbackDialog(deps));
        this.addDialog(new WaterfallDialog<RouteOptions>(dialogIds.route, [this.route.bind(this), this.afterRoute.bind(this)]));
        this.initialDialogId = dialogIds.route;
    }

    /** Runs one turn: continues the conversation where it is, or starts routing a new message. */
    async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
        const dialogs = new DialogSet(dialogState);
        dialogs.add(this);
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty && context.activity.type === ActivityTypes.Message) {
            await dc.beginDialog(this.id);
        }
    }

    /**
     * Asks the open question again, if one is open: after the person chose another language. The
     * question is built anew in this dialog's language and kept, so a re-ask later is in it too.
     */
    async reprompt(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
        const dialogs = new DialogSet(dialogState);
        dialogs.add(this);
        const dc = await dialogs.createContext(context);
        if (!dc.activeDialog) return;
        const open = innermost(dc).activeDialog?.state;
        const options: unknown = open?.options;
        if (open && typeof options === 'object' && options !== null) {
            const again = await askAgainInLanguage(this.deps, context, options);
            if (again) open.options = { ...options, ...again };
        }
        await dc.repromptDialog();
    }

    /** Starts the feedback question outside a message turn, such as when an agent ends a chat. */
    async askFeedback(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, caseId: string): Promise<void> {
        const dialogs = new DialogSet(dialogState);
        dialogs.add(this);
        const dc = await dialogs.createContext(context);
        await dc.cancelAllDialogs();
        await dc.beginDialog(this.id, { feedbackFor: caseId } satisfies RouteOptions);
    }

    protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        return (await interrupt(this.deps, innerDc)) ?? super.onContinueDialog(innerDc);
    }

    /** The symptom menu: one button per symptom of every article, plus "something else". */
    private menuChoices() {
        const { replies } = this.deps.knowledge;
        return [
            ...allSymptoms(this.deps.knowledge).map((s) => ({ value: s.id, action: { type: 'imBack', title: s.label, value: s.label }, synonyms: [s.title] })),
            toChoice('somethingElse', replies.answers.menu.somethingElse, replies)
        ];
    }

    private showMenu(step: WaterfallStepContext<RouteOptions>, text: string) {
        asked(step).value = 'menu' satisfies Asked;
        return step.prompt(dialogIds.openChoice, choiceOptions(text, this.menuChoices()));
    }

    private troubleshoot(step: WaterfallStepContext<RouteOptions>, symptom: string, confirmed: boolean) {
        asked(step).value = 'troubleshoot' satisfies Asked;
        return step.beginDialog(dialogIds.troubleshoot, { symptom, confirmed } satisfies TroubleshootOptions);
    }

    private async route(step: WaterfallStepContext<RouteOptions>) {
        const { replies } = this.deps.knowledge;
        const send = (text: string) => step.context.sendActivity(text);
        const options: RouteOptions | undefined = step.options;
        if (options?.showMenu) return this.showMenu(step, options.menuText ?? replies.menuPrompt);
        if (options?.feedbackFor) {
            asked(step).value = 'feedback';
            return step.beginDialog(dialogIds.feedback, { caseId: options.feedbackFor } satisfies FeedbackOptions);
        }

        const { text, classification, band } = await understandTurn(this.deps, step);
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        // A menu button typed or clicked outside the menu prompt (the welcome's buttons) is a sure choice.
        const picked = allSymptoms(this.deps.knowledge).find((s) => s.label.toLowerCase() === text.toLowerCase());
        if (picked) return this.troubleshoot(step, picked.id, true);
        if (this.isOldButton(step.context, text)) return this.showMenu(step, replies.understanding.oldButton);

        const symptomNamed = allSymptoms(this.deps.knowledge).some((s) => s.id === classification.intent) && (band === 'high' || band === 'medium');
        const past = lastCase(await this.deps.userProfile.get(step.context));
        // A case the person walked away from (cancel, start over) is not worth recalling.
        if (past?.symptom && past.outcome !== 'abandoned' && !caseFile.welcomedBack && !caseFile.symptom) {
            caseFile.welcomedBack = true;
            if (!symptomNamed && (band === 'low' || classification.intent === 'greeting')) return this.welcomeBack(step, past, past.symptom);
        }

        if (band === 'ambiguous') {
            const [first, second] = classification.alternatives.map((a) => findSymptom(this.deps.knowledge, a.intent).symptom);
            asked(step).value = 'disambiguation' satisfies Asked;
            const choices = this.menuChoices().filter((c) => c.value === first!.id || c.value === second!.id || c.value === 'somethingElse');
            return step.prompt(
                dialogIds.openChoice,
                choiceOptions(fillTemplate(replies.disambiguate, { first: first!.title, second: second!.title }), choices)
            );
        }
        if (band === 'low') return this.climbFallbackLadder(step);

        caseFile.fallbacks = 0;
        const intent = classification.intent;
        if (allSymptoms(this.deps.knowledge).some((s) => s.id === intent)) return this.troubleshoot(step, intent, false);
        switch (intent) {
            case 'greeting':
                return this.showMenu(step, replies.greeting);
            case 'help':
                return this.showMenu(step, replies.help);
            case 'human_agent':
                return step.replaceDialog(dialogIds.handoff, { reason: 'asked' });
            case 'start_over':
                await send(replies.startOver);
                return this.showMenu(step, replies.menuPrompt);
            case 'cancel':
                await send(replies.nothingToCancel);
                return step.endDialog();
            case 'thanks':
                await send(replies.thanks);
                return step.endDialog();
            case 'goodbye':
                await send(replies.goodbye);
                await closeCase(this.deps, step.context, 'abandoned');
                return step.endDialog();
            default:
                return this.climbFallbackLadder(step);
        }
    }

    private async climbFallbackLadder(step: WaterfallStepContext<RouteOptions>) {
        const { replies } = this.deps.knowledge;
        const caseFile = await currentCase(this.deps.caseFile, step.context);
        caseFile.fallbacks += 1;
        caseFile.notUnderstood += 1;
        const { text, classification } = await understandTurn(this.deps, step);
        if (text) await this.deps.feedback.append({ kind: 'unrecognised', caseId: caseFile.caseId, at: new Date().toISOString(), text });
        if (caseFile.fallbacks === 1 && isClearlyOutOfScope(classification)) return this.showMenu(step, replies.outOfScope);
        if (caseFile.fallbacks === 1) {
            await step.context.sendActivity(replies.rephrase);
            return step.endDialog();
        }
        if (caseFile.fallbacks === 2) return this.showMenu(step, replies.menuPrompt);
        asked(step).value = 'offerHuman' satisfies Asked;
        return step.prompt(dialogIds.reply, offerHumanQuestion(this.deps));
    }

    /** A returning person hears what happened last time before anything else. */
    private welcomeBack(step: WaterfallStepContext<RouteOptions>, past: PastCase, lastSymptom: string) {
        asked(step).value = 'welcomeBack' satisfies Asked;
        asked(step).lastSymptom = lastSymptom;
        return step.prompt(dialogIds.reply, welcomeBackQuestion(this.deps, past, lastSymptom));
    }

    /**
     * A button from a question already dealt with (an old card clicked, or its exact label typed
     * back): say so, rather than reading "I can't do this" as a request to cancel.
     */
    private isOldButton(context: TurnContext, text: string): boolean {
        const value: { answer?: unknown } | undefined = context.activity.value;
        if (typeof value?.answer === 'string') return true;
        const { answers } = this.deps.knowledge.replies;
        const labels = [
            answers.step.alreadyTried,
            answers.step.cannotDo,
            answers.earlyHelp.tryFixes,
            ...Object.values(answers.stillWorking),
            ...Object.values(answers.switchProblem),
            ...Object.values(answers.feedback),
            answers.welcomeBack.same
        ];
        return labels.some((l) => l.label.toLowerCase() === text.toLowerCase());
    }

    private async afterRoute(step: WaterfallStepContext<RouteOptions>) {
        const { replies } = this.deps.knowledge;
        const question = asked(step).value ?? 'nothing';
        switch (question) {
            case 'menu':
            case 'disambiguation': {
                const found: FoundChoice | undefined = step.result;
                const choice = found?.value;
                if (!choice) return step.replaceDialog(dialogIds.route); // free text: understand it afresh
                const { caseId } = await currentCase(this.deps.caseFile, step.context);
                await this.deps.feedback.append({ kind: 'reply', caseId, at: new Date().toISOString(), symptom: null, question, understood: 'button' });
                if (choice === 'somethingElse') {
                    await step.context.sendActivity(replies.rephrase);
                    return step.endDialog();
                }
                return this.troubleshoot(step, choice, true);
            }
            case 'offerHuman': {
                const reply: ReplyResult = step.result;
                if ('answer' in reply && reply.answer === 'yes') return step.replaceDialog(dialogIds.handoff, { reason: 'fallback' });
                if ('switchTo' in reply) return this.troubleshoot(step, reply.switchTo, false);
                await step.context.sendActivity(replies.escalationDeclined);
                (await currentCase(this.deps.caseFile, step.context)).fallbacks = 0;
                return step.endDialog();
            }
            case 'welcomeBack': {
                const reply: ReplyResult = step.result;
                if ('switchTo' in reply) return this.troubleshoot(step, reply.switchTo, false);
                if (reply.answer === 'same' && asked(step).lastSymptom) return this.troubleshoot(step, asked(step).lastSymptom!, true);
                // "Something else" in so many words may already name the problem.
                const { classification, band } = await understandTurn(this.deps, step);
                const named = allSymptoms(this.deps.knowledge).find((s) => s.id === classification.intent);
                if (named && (band === 'high' || band === 'medium')) return this.troubleshoot(step, named.id, false);
                return this.showMenu(step, replies.menuPrompt);
            }
            case 'feedback':
            case 'troubleshoot': {
                const result: TroubleshootResult = step.result;
                if (result && 'wrongSymptom' in result) {
                    return step.replaceDialog(dialogIds.route, { showMenu: true, menuText: replies.notThisSymptom } satisfies RouteOptions);
                }
                if (result && 'reroute' in result) return step.replaceDialog(dialogIds.route);
                return step.endDialog();
            }
            default:
                return step.endDialog();
        }
    }
}

/** The welcome and its symptom buttons, as cards where a channel shows only three suggestions (Teams). */
export function welcomeActivity(deps: Pick<DialogDeps, 'knowledge'>, channelId: string) {
    const { knowledge } = deps;
    return withChoices(channelId, allSymptoms(knowledge).map((s) => s.label), knowledge.replies.welcome);
}
