// The activity handler: Teams-aware routing of incoming activities to the dialogs of the
// conversation's language, a welcome when a person (or the bot, in a team) joins, and state saved
// once at the end of each turn.
import { TeamsActivityHandler, TurnContext, type BotState, type InvokeResponse, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { welcomeActivity, type MainDialog } from '../dialogs/mainDialog';
import type { Language } from '../knowledge/languages';
import type { Knowledge } from '../knowledge/load';
import type { UserProfile } from '../dialogs/userProfile';
import { languageChoiceSchema, type ChosenLanguage, type LanguageChoice } from './language/chooseLanguage';
import { setTurnLanguage, turnLanguage } from './language/turnLanguage';

/** What the bot needs to speak one language: its content and its dialogs. */
export interface BotLanguage {
    knowledge: Knowledge;
    dialog: MainDialog;
}

/** Picks the language of a message (bot/language/chooseLanguage.ts, with the identifier and the request phrases bound). */
export type LanguageChooser = (text: string, locale: string | undefined, stored: LanguageChoice | undefined) => ChosenLanguage;

/** In a Teams channel or group chat the bot speaks only when @mentioned (or a card of its own is used). */
function isAddressedToBot(context: TurnContext): boolean {
    const { conversation, recipient, entities, value } = context.activity;
    if (conversation.conversationType !== 'channel' && conversation.conversationType !== 'groupChat') return true;
    if (value) return true;
    return (entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === recipient.id);
}

export class SupportBot extends TeamsActivityHandler {
    private readonly dialogState: StatePropertyAccessor<DialogState>;
    private readonly userProfile: StatePropertyAccessor<UserProfile>;
    private readonly language: StatePropertyAccessor<LanguageChoice>;

    constructor(
        private readonly languages: Record<Language, BotLanguage>,
        private readonly chooseLanguage: LanguageChooser,
        private readonly conversationState: BotState,
        private readonly userState: BotState
    ) {
        super();
        this.dialogState = conversationState.createProperty<DialogState>('dialogState');
        this.userProfile = userState.createProperty<UserProfile>('userProfile');
        this.language = conversationState.createProperty<LanguageChoice>('language');

        this.onMessage(async (context, next) => {
            if (isAddressedToBot(context)) {
                // "<at>Support</at> my code fails" must be classified as "my code fails".
                context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
                const chosen = this.chooseLanguage(context.activity.text ?? '', context.activity.locale, await this.storedLanguage(context));
                await this.language.set(context, { language: chosen.language, decidedBy: chosen.decidedBy });
                setTurnLanguage(context, chosen.language);
                const { knowledge, dialog } = this.languages[chosen.language];
                if (chosen.requested) {
                    // A request for a language is not a message about the problem: say so, and ask the open question again.
                    await context.sendActivity(knowledge.replies.languageChosen);
                    await dialog.reprompt(context, this.dialogState);
                } else {
                    await dialog.run(context, this.dialogState);
                }
            }
            await next();
        });

        // Agent platforms report on a handoff with handoff.status events: tell the person.
        this.onEvent(async (context, next) => {
            const { name, value } = context.activity;
            const state = (value as { state?: string } | undefined)?.state;
            if (name === 'handoff.status' && (state === 'accepted' || state === 'failed' || state === 'completed')) {
                const { knowledge, dialog } = await this.spoken(context);
                const { handoff } = knowledge.replies;
                await context.sendActivity({ accepted: handoff.statusAccepted, failed: handoff.statusFailed, completed: handoff.statusCompleted }[state]);
                const escalated = (await this.lastEscalatedCase(context)) ?? undefined;
                if (state === 'completed' && escalated) await dialog.askFeedback(context, this.dialogState, escalated);
            }
            await next();
        });

        this.onMembersAdded(async (context, next) => {
            const { recipient, conversation } = context.activity;
            const added = context.activity.membersAdded ?? [];
            const personJoined = added.some((m) => m.id !== recipient.id);
            const botJoined = added.some((m) => m.id === recipient.id);
            const botJoinedGroup = botJoined && !!conversation.conversationType && conversation.conversationType !== 'personal';
            // Teams: installing the app adds the bot, in every scope (personal too); people who join
            // a team later are not greeted in its channels.
            const welcome = context.activity.channelId === 'msteams' ? botJoined : personJoined || botJoinedGroup;
            if (welcome) await context.sendActivity(welcomeActivity({ knowledge: (await this.spoken(context)).knowledge }, context.activity.channelId));
            await next();
        });
    }

    /**
     * botbuilder answers an invoke it has no handler for with 501; a client sending one we do not
     * support made a bad request, so it gets a 400 that says so (no request may produce a 5xx).
     */
    protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
        const response = await super.onInvokeActivity(context);
        if (response.status !== 501) return response;
        return { status: 400, body: { code: 'UnsupportedInvoke', message: `This bot does not handle the invoke "${context.activity.name ?? ''}".` } };
    }

    /** Asks for feedback in a turn the bot did not start from a message (an agent ended the chat). */
    async askFeedback(context: TurnContext, caseId: string): Promise<void> {
        await (await this.spoken(context)).dialog.askFeedback(context, this.dialogState, caseId);
        await this.conversationState.saveChanges(context, false);
    }

    /** The conversation's language as stored; nothing when it has none yet (or what is stored is not a choice). */
    private async storedLanguage(context: TurnContext): Promise<LanguageChoice | undefined> {
        return languageChoiceSchema.safeParse(await this.language.get(context)).data;
    }

    /** The language to speak in a turn with no message to read: the conversation's, else the locale's. */
    private async spoken(context: TurnContext): Promise<BotLanguage> {
        const language = (await this.storedLanguage(context))?.language ?? turnLanguage(context);
        setTurnLanguage(context, language);
        return this.languages[language];
    }

    private async lastEscalatedCase(context: TurnContext): Promise<string | undefined> {
        const profile = await this.userProfile.get(context);
        return profile?.history.filter((h) => h.outcome === 'escalated').at(-1)?.caseId;
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.conversationState.saveChanges(context, false);
        await this.userState.saveChanges(context, false);
    }
}
