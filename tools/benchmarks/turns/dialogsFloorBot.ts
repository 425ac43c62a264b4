// A second reference for the turn benchmark: what botbuilder-dialogs itself costs in the
// support bot's shape, with nothing of ours in it. Three nested ComponentDialogs (as MainDialog >
// TroubleshootDialog > FixStepsDialog) end in a waterfall that, every turn, takes the answer to a
// ChoicePrompt and asks the next one; ConversationState on MemoryStorage; the echo bot's HTTP
// stack. No classifier, knowledge, middleware, transcripts or store. The whole bot does all of this
// and more on every turn, so it cannot be faster than this floor.
import { ActivityHandler, ConversationState, MemoryStorage, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ChoicePrompt, ComponentDialog, DialogSet, DialogTurnStatus, ListStyle, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Config } from '../../../bot/config';
import { startOnBareStack, type RunningBareBot } from './echoBot';

class StepsDialog extends ComponentDialog {
    constructor() {
        super('steps');
        // Every answer is accepted: the floor measures a prompt answered and the next one asked.
        this.addDialog(new ChoicePrompt('choice', async () => true));
        this.addDialog(
            new WaterfallDialog('loop', [
                async (step: WaterfallStepContext) =>
                    // The benchmark's echo check: the last reply ends with ": <the message>".
                    step.prompt('choice', { prompt: `step: ${step.context.activity.text ?? ''}`, choices: ['Yes', 'No', 'I already tried that'], style: ListStyle.none }),
                async (step: WaterfallStepContext) => step.replaceDialog('loop')
            ])
        );
        this.initialDialogId = 'loop';
    }
}

/** A ComponentDialog whose only job is to hold the next level, as the support bot's outer dialogs do. */
class Level extends ComponentDialog {
    constructor(id: string, inner: ComponentDialog) {
        super(id);
        this.addDialog(inner);
        this.addDialog(new WaterfallDialog(`${id}-flow`, [async (step: WaterfallStepContext) => step.beginDialog(inner.id), async (step: WaterfallStepContext) => step.endDialog()]));
        this.initialDialogId = `${id}-flow`;
    }
}

class DialogsFloorBot extends ActivityHandler {
    private readonly dialogs: DialogSet;

    constructor(
        private readonly state: ConversationState,
        dialogState: StatePropertyAccessor<DialogState>
    ) {
        super();
        const main = new Level('main', new Level('troubleshoot', new StepsDialog()));
        this.dialogs = new DialogSet(dialogState).add(main);
        this.onMessage(async (context, next) => {
            const dc = await this.dialogs.createContext(context);
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) await dc.beginDialog('main');
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.state.saveChanges(context, false);
    }
}

export function startDialogsFloorBot(config: Config): Promise<RunningBareBot> {
    const state = new ConversationState(new MemoryStorage());
    return startOnBareStack(config, new DialogsFloorBot(state, state.createProperty<DialogState>('dialogState')));
}
