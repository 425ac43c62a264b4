// The activity handler: Teams-aware routing of incoming activities to the dialogs, a welcome
// when a person (or the bot, in a team) joins, and state saved once at the end of each turn.
import { TeamsActivityHandler, TurnContext, type BotState, type InvokeResponse, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { welcomeActivity, type MainDialog } from '../dialogs/mainDialog';
import type { Knowledge } from '../knowledge/load';
import type { UserProfile } from '../dialogs/userProfile';

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

    constructor(
        private readonly knowledge: Knowledge,
        private readonly conversationState: BotState,
        private readonly userState: BotState,
        private readonly dialog: MainDialog
    ) {
        super();
        this.dialogState = conversationState.createProperty<DialogState>('dialogState');
        this.userProfile = userState.createProperty<UserProfile>('userProfile');

        this.onMessage(async (context, next) => {
            if (isAddressedToBot(context)) {
                // "<at>Support</at> my code fails" must be classified as "my code fails".
                context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
                await this.dialog.run(context, this.dialogState);
            }
            await next();
        });

        // Agent platforms report on a handoff with handoff.status events: tell the person.
        this.onEvent(async (context, next) => {
            const { name, value } = context.activity;
            const state = (value as { state?: string } | undefined)?.state;
            if (name === 'handoff.status' && (state === 'accepted' || state === 'failed' || state === 'completed')) {
                const { handoff } = this.knowledge.replies;
                await context.sendActivity({ accepted: handoff.statusAccepted, failed: handoff.statusFailed, completed: handoff.statusCompleted }[state]);
                const escalated = (await this.lastEscalatedCase(context)) ?? undefined;
                if (state === 'completed' && escalated) await this.dialog.askFeedback(context, this.dialogState, escalated);
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
            if (welcome) await context.sendActivity(welcomeActivity({ knowledge: this.knowledge }, context.activity.channelId));
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
        await this.dialog.askFeedback(context, this.dialogState, caseId);
        await this.conversationState.saveChanges(context, false);
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
