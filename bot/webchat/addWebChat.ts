// Wires Web Chat into the server: the page and its token route, and the built-in Direct Line
// when LOCAL_DIRECT_LINE is on (by default outside production and without bot credentials).
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../config';
import { defaultDirectLineLimits, DirectLineStore } from '../directline/directLineStore';
import { localTurnAuthentication } from '../directline/localAuthentication';
import { addLocalDirectLine, type LocalDirectLine } from '../directline/localDirectLine';
import type { Logger } from '../logger';
import type { Readiness } from '../readiness';
import { addWebChatRoutes } from './webChatRoutes';
import type { KeyedQueue } from '../storage/keyedQueue';

export interface WebChatHost {
    config: Config;
    adapter: CloudAdapter;
    readiness: Readiness;
    log: Logger;
    runTurn(context: TurnContext): Promise<void>;
    turns: KeyedQueue;
}

export interface WebChat {
    /** The built-in Direct Line, when it is on. */
    directLine: LocalDirectLine | undefined;
    /** Tells the built-in Direct Line where the adapter reaches this server (call once it listens). */
    listeningOn(url: string): void;
    /**
     * The serviceUrl the built-in Direct Line gives the adapter (with its secret path segment),
     * for a serviceUrl allow-list; undefined when it is off, '' until the server listens.
     */
    ownServiceUrl(): string | undefined;
}

export function addWebChat(server: Server, { config, adapter, readiness, log, runTurn, turns }: WebChatHost): WebChat {
    let serviceUrl = '';
    const directLine = config.LOCAL_DIRECT_LINE
        ? addLocalDirectLine(server, {
              adapter,
              readiness,
              log,
              runTurn,
              turns,
              bot: { id: config.MicrosoftAppId ?? 'support-bot', name: config.BRAND_NAME },
              serviceUrl: () => serviceUrl,
              authentication: localTurnAuthentication(config.MicrosoftAppId),
              store: new DirectLineStore({
                  ...defaultDirectLineLimits,
                  maxConversations: config.DIRECT_LINE_MAX_CONVERSATIONS,
                  maxActivityBytes: config.DIRECT_LINE_MAX_ACTIVITY_BYTES,
                  maxConversationBytes: config.DIRECT_LINE_MAX_CONVERSATION_BYTES
              }),
              // The same budgets as /api/messages: these turns do not pass its limiter.
              postLimits: {
                  perConversation: config.RATE_LIMIT_PER_CONVERSATION,
                  perAddress: config.RATE_LIMIT_PER_ADDRESS,
                  windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS
              }
          })
        : undefined;
    addWebChatRoutes(server, { config, log, localDirectLine: directLine });
    return {
        directLine,
        listeningOn(url: string) {
            serviceUrl = url;
            if (directLine) {
                log.info(
                    {
                        domain: `${url}/v3/directline`,
                        limits: {
                            maxConversations: config.DIRECT_LINE_MAX_CONVERSATIONS,
                            maxActivityBytes: config.DIRECT_LINE_MAX_ACTIVITY_BYTES,
                            maxConversationBytes: config.DIRECT_LINE_MAX_CONVERSATION_BYTES
                        }
                    },
                    'built-in Direct Line on (LOCAL_DIRECT_LINE)'
                );
            }
        },
        ownServiceUrl: () => directLine?.ownServiceUrl()
    };
}
