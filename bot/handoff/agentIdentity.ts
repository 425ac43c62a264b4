// Who sent a turn, as far as the turn proves it (HANDOFF_AGENT_IDS entries: agentEntries.ts).
//
// A turn is an agent's only when it is verified: a Teams activity on a turn whose token the
// adapter checked and the Bot Framework channel service issued; a Web Chat activity that came
// through the built-in Direct Line for a user id the token route bound to a sign-in (or, with
// Azure's Direct Line, through the channel service on an authenticated turn).
import { AuthenticationConstants, GovernmentConstants, type ClaimsIdentity } from 'botframework-connector';
import type { TurnContext } from 'botbuilder';
import { verifiedDirectLineUser } from '../webchat/verifiedDirectLineUser';
import { agentNameOfUserId } from './agentEntries';

/** The Bot Framework channel service's token issuers: a turn it signed came from a real channel. */
const channelIssuers = new Set([AuthenticationConstants.ToBotFromChannelTokenIssuer, GovernmentConstants.ToBotFromChannelTokenIssuer]);

/** True when the adapter verified a token that the channel service issued for this turn. */
export function isChannelAuthenticated(context: TurnContext): boolean {
    const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
    if (!identity?.isAuthenticated) return false;
    const issuer = identity.getClaimValue(AuthenticationConstants.IssuerClaim);
    return !!issuer && channelIssuers.has(issuer);
}

function teamsTenant(context: TurnContext): string | undefined {
    const { conversation, channelData } = context.activity as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } };
    const fromConversation = typeof conversation?.tenantId === 'string' ? conversation.tenantId.toLowerCase() : undefined;
    const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id.toLowerCase() : undefined;
    // Two tenants that disagree are no tenant.
    if (fromConversation && fromChannelData && fromConversation !== fromChannelData) return undefined;
    return fromConversation ?? fromChannelData;
}

/** The key of the verified identity of this turn's sender, or undefined when the turn proves none. */
export function verifiedIdentityKey(context: TurnContext): string | undefined {
    const { activity } = context;
    if (activity.channelId === 'msteams') {
        if (!isChannelAuthenticated(context)) return undefined;
        const objectId = typeof activity.from?.aadObjectId === 'string' ? activity.from.aadObjectId.toLowerCase() : undefined;
        const tenantId = teamsTenant(context);
        return objectId && tenantId ? `aad:${tenantId}/${objectId}` : undefined;
    }
    if (activity.channelId === 'directline') {
        // The built-in Direct Line vouches for the user its token was issued to; Azure's, through
        // the channel service, for the user id this server asked it to put in the token.
        const userId = verifiedDirectLineUser(context) ?? (isChannelAuthenticated(context) ? activity.from?.id : undefined);
        const name = agentNameOfUserId(userId);
        return name ? `webchat:${name}` : undefined;
    }
    return undefined;
}
