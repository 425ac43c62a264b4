// The activity handler: Teams-aware routing of incoming activities to the dialogs, a welcome
// when a person (or the bot, in a team) joins, and state saved once at the end of each turn.
import { TeamsActivityHandler, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { welcomeActivity, type MainDialog } from '../dialogs/mainDialog';
import type { Knowledge } from '../knowledge/load';

/** In a Teams channel or group chat the bot speaks only when @mentioned (or a card of its own is used). */
function isAddressedToBot(context: TurnContext): boolean {
    const { conversation, recipient, entities, value } = context.activity;
    if (conversation.conversationType !== 'channel' && conversation.conversationType !== 'groupChat') return true;
    if (value) return true;
    return (entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === recipient.id);
}

export class SupportBot extends TeamsActivityHandler {
    private readonly dialogState: StatePropertyAccessor<DialogState>;

    constructor(
        private readonly knowledge: Knowledge,
        private readonly conversationState: BotState,
        private readonly userState: BotState,
        private readonly dialog: MainDialog
    ) {
        super();
        this.dialogState = conversationState.createProperty<DialogState>('dialogState');

        this.onMessage(async (context, next) => {
            if (isAddressedToBot(context)) {
                // "<at>Support</at> my code fails" must be classified as "my code fails".
                context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
                await this.dialog.run(context, this.dialogState);
            }
            await next();
        });

        this.onMembersAdded(async (context, next) => {
            const { recipient, conversation } = context.activity;
            const added = context.activity.membersAdded ?? [];
            const personJoined = added.some((m) => m.id !== recipient.id);
            const botJoinedGroup = added.some((m) => m.id === recipient.id) && !!conversation.conversationType && conversation.conversationType !== 'personal';
            if (personJoined || botJoinedGroup) await context.sendActivity(welcomeActivity({ knowledge: this.knowledge }, context.activity.channelId));
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.conversationState.saveChanges(context, false);
        await this.userState.saveChanges(context, false);
    }
}
