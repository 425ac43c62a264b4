// Stand-ins for what only Azure can do, so authenticated turns can run here:
// - the Bot Framework channel service's signing key: a key of the test's own, seeded into
//   botframework-connector's OpenID key cache (what it would download from
//   login.botframework.com), so a token the test signs is "issued by the channel service";
// - Azure AD's token for the bot's outgoing calls (replies, proactive messages): AppCredentials'
//   getToken answers a fixed string, since login.microsoftonline.com cannot be reached.
// Everything else (the adapter's token check, the bot, the desk, HTTP) is the real thing.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { AppCredentials } from 'botframework-connector';

// Internal to botframework-connector: the per-metadata-URL cache of signing keys.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor') as { JwtTokenExtractor: { openIdMetadataCache: Map<string, unknown> } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OpenIdMetadata } = require('botframework-connector/lib/auth/openIdMetadata') as { OpenIdMetadata: new (url: string) => { keys?: unknown[]; lastUpdated: number } };

const channelMetadataUrl = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const appId = '11111111-2222-3333-4444-555555555555';
export const botTenant = '99999999-8888-7777-6666-555555555555';
export const credentials = { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: botTenant };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SignedChannel {
    /** `Bearer <token>` for an activity posted to serviceUrl, as the channel service would sign it. */
    authorization(serviceUrl: string): string;
    restore(): void;
}

export function fakeChannelService(): SignedChannel {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = 'test-channel-key';
    const saved = JwtTokenExtractor.openIdMetadataCache.get(channelMetadataUrl);
    const metadata = new OpenIdMetadata(channelMetadataUrl);
    const jwk = key.publicKey.export({ format: 'jwk' });
    metadata.keys = [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'directline', 'emulator', 'webchat'] }];
    metadata.lastUpdated = Date.now();
    JwtTokenExtractor.openIdMetadataCache.set(channelMetadataUrl, metadata);
    const getToken = AppCredentials.prototype.getToken;
    AppCredentials.prototype.getToken = async () => 'stand-in-azure-ad-token';
    return {
        authorization(serviceUrl) {
            const now = Math.floor(Date.now() / 1000);
            const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
            return `Bearer ${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.privateKey).toString('base64url')}`;
        },
        restore() {
            AppCredentials.prototype.getToken = getToken;
            if (saved) JwtTokenExtractor.openIdMetadataCache.set(channelMetadataUrl, saved);
            else JwtTokenExtractor.openIdMetadataCache.delete(channelMetadataUrl);
        }
    };
}
