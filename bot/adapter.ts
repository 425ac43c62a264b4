// The Bot Framework adapter: checks each request's token when credentials are configured
// (GuardedCloudAdapter), and turns a failed turn into a plain apology that keeps the person's
// place (state is only saved at the end of a successful turn, so the failed one leaves it as it was).
import { ConfigurationBotFrameworkAuthentication, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from './config';
import type { Logger } from './logger';
import { GuardedCloudAdapter } from './security/guardedCloudAdapter';

/** `apology`: what a person is told when their turn failed, in the turn's language. */
export function createAdapter(config: Config, log: Logger, apology: (context: TurnContext) => string): CloudAdapter {
    const auth = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppPassword: config.MicrosoftAppPassword,
        MicrosoftAppType: config.MicrosoftAppId ? config.MicrosoftAppType : undefined,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId
    });
    const adapter = new GuardedCloudAdapter(auth, { appId: config.MicrosoftAppId, log });
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
        log.error(
            { err: error, conversationId: context.activity.conversation?.id, channelId: context.activity.channelId, activityType: context.activity.type },
            'turn failed'
        );
        try {
            await context.sendActivity(apology(context));
            await context.sendTraceActivity('OnTurnError', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError');
        } catch (sendError) {
            log.warn({ err: sendError, conversationId: context.activity.conversation?.id }, 'could not tell the person about the failed turn');
        }
    };
    return adapter;
}
