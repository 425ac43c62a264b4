// How turns from the built-in Direct Line get through the adapter.
//
// Without credentials the adapter takes them as it takes the Emulator's: an empty
// Authorization header, and replies posted to the serviceUrl with no token.
//
// With credentials (MicrosoftAppId set and LOCAL_DIRECT_LINE=true on purpose) the adapter would
// reject an unsigned turn. The Direct Line endpoint has already checked the person's token, so it
// vouches for the turn itself, the way CloudAdapter does for a named pipe, and the replies go
// back to this server (the serviceUrl is always its loopback address) without asking Azure AD
// for a token. Proactive messages sent later with continueConversationAsync use the adapter's
// own credentials, so they need Azure AD to be reachable.
import {
    AuthenticationConstants,
    ClaimsIdentity,
    ConnectorClient,
    ConnectorFactory,
    MicrosoftAppCredentials,
    type AuthenticateRequestResult
} from 'botframework-connector';

class LoopbackConnectorFactory extends ConnectorFactory {
    override async create(serviceUrl: string): Promise<ConnectorClient> {
        return new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
    }
}

export function localTurnAuthentication(appId: string | undefined): string | AuthenticateRequestResult {
    if (!appId) return '';
    return {
        audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
        claimsIdentity: new ClaimsIdentity(
            [
                { type: AuthenticationConstants.AudienceClaim, value: appId },
                { type: AuthenticationConstants.AppIdClaim, value: appId }
            ],
            true
        ),
        connectorFactory: new LoopbackConnectorFactory()
    };
}
