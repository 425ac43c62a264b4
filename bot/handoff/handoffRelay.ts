// Runs before the bot: a verified agent's messages go to the desk, and a customer who is waiting for
// or talking to an agent is handled by the desk, typing included. The bot's own dialogs stay
// silent for both.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { AgentDesk } from './agentDesk';

export class HandoffRelayMiddleware implements Middleware {
    constructor(private readonly desk: AgentDesk) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        if (context.activity.type === ActivityTypes.Message) {
            const agent = this.desk.agentOf(context);
            if (agent) return this.desk.handleAgentTurn(context, agent);
            if (await this.desk.handleCustomerTurn(context)) return;
        }
        if (context.activity.type === ActivityTypes.Typing && (await this.desk.relayTyping(context, this.desk.agentOf(context)))) return;
        await next();
    }
}
