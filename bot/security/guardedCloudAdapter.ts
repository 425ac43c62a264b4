// Makes every authentication failure on POST /api/messages a JSON 401, never a 500.
//
// CloudAdapter.process, out of the box (botbuilder 4.23):
// - answers a missing or wrong-scheme token with 401 and a bare JSON string as the body, after
//   printing the error's stack with console.error (outside our structured logs);
// - answers a token with a forged signature with 500: jsonwebtoken's JsonWebTokenError is not an
//   AuthenticationError, so the adapter's catch maps it to INTERNAL_SERVER_ERROR;
// - fetches Azure AD's signing keys for any token whose issuer looks right, so a junk token can
//   make the bot call out (and, with the keys unreachable, answer 500).
// GuardedCloudAdapter overrides `process`: offline checks first (bearerToken.ts),
// then botbuilder's own authentication (signature, issuer, endorsements, service URL), and only
// then the turn. A failed check is a 401 (or 403) with {code, message}; keys that cannot be
// fetched are a 503 with Retry-After (the bot cannot tell, so it neither accepts nor blames the
// caller). Errors inside the turn are untouched: onTurnError and the route handle those.
import { CloudAdapter, type Activity, type Request, type Response, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { INodeBuffer, INodeDuplex, INodeSocket } from 'botframework-streaming';
import type { Logger } from '../logger';
import { checkBearerToken } from './bearerToken';

type Logic = (context: TurnContext) => Promise<void>;

export interface AuthenticationGuardOptions {
    /** MicrosoftAppId; when unset, botbuilder's rules for an unauthenticated bot apply. */
    appId: string | undefined;
    log: Logger;
    /** Seconds since the epoch, for tests. */
    now?: () => number;
}

const jwtErrors = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export interface AuthFailure {
    status: 401 | 403 | 503;
    reason: string;
}

/** What an error thrown while authenticating means for the caller. */
export function classifyAuthenticationError(err: unknown): AuthFailure {
    const e = err as { name?: unknown; statusCode?: unknown; message?: unknown } | undefined;
    const message = typeof e?.message === 'string' ? e.message : String(err);
    if (typeof e?.name === 'string' && jwtErrors.has(e.name)) return { status: 401, reason: `the token is not valid (${message})` };
    // botframework-connector's AuthenticationError carries the status it means.
    if (typeof e?.statusCode === 'number') {
        if (e.statusCode === 401) return { status: 401, reason: message };
        if (e.statusCode === 403) return { status: 403, reason: message };
        if (e.statusCode >= 500) return { status: 503, reason: 'the signing keys needed to check the token could not be loaded' };
        return { status: 401, reason: message };
    }
    // Anything else (a network error fetching the OpenID metadata, most often).
    return { status: 503, reason: 'the token could not be checked right now' };
}

function header(req: Request, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}

function answer(res: Response, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
    res.status(status);
    for (const [name, value] of Object.entries(extra)) res.header(name, value);
    res.header('Content-Type', 'application/json');
    res.send({ code, message });
    res.end();
}

/** Same as botbuilder's validateAndFixActivity: the timestamps as Dates, the raw strings kept. */
function fixTimestamps(activity: Activity): Activity {
    const a = activity as Activity & Record<string, unknown>;
    for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
        if (typeof a[field] === 'string') {
            a[raw] = a[field];
            a[field] = new Date(a[field] as string);
        }
    }
    return activity;
}

export class GuardedCloudAdapter extends CloudAdapter {
    private readonly appId: string | undefined;
    private readonly log: Logger;
    private readonly now: () => number;

    constructor(auth: BotFrameworkAuthentication, { appId, log, now = () => Date.now() / 1000 }: AuthenticationGuardOptions) {
        super(auth);
        this.appId = appId;
        this.log = log;
        this.now = now;
    }

    override async process(
        req: Request,
        resOrSocket: Response | INodeSocket | INodeDuplex,
        logicOrHead: Logic | INodeBuffer,
        maybeLogic?: Logic
    ): Promise<void> {
        // The streaming (WebSocket upgrade) form is left to botbuilder.
        if (maybeLogic !== undefined) return super.process(req, resOrSocket as INodeSocket, logicOrHead as INodeBuffer, maybeLogic);
        const res = resOrSocket as Response;
        const logic = logicOrHead as Logic;
        if (req.method !== 'POST') return answer(res, 405, 'MethodNotAllowed', 'Only POST is accepted here.');
        const body = req.body;
        if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.type !== 'string') {
            return answer(res, 400, 'InvalidActivity', 'The body must be an activity (a JSON object with a type).');
        }
        const activity = fixTimestamps(body as Partial<Activity> as Activity);
        const authorization = header(req, 'authorization') ?? '';
        const conversationId = activity.conversation?.id;

        if (this.appId) {
            const check = checkBearerToken(authorization, this.appId, this.now());
            if (!check.ok) {
                this.log.warn({ conversationId, channelId: activity.channelId, reason: check.reason }, 'request rejected: not authenticated');
                return answer(res, 401, 'Unauthorized', `The request is not authenticated: ${check.reason}.`, { 'WWW-Authenticate': 'Bearer' });
            }
        }

        let authenticated: AuthenticateRequestResult;
        try {
            authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
        } catch (err) {
            const failure = classifyAuthenticationError(err);
            if (failure.status === 503) {
                this.log.error({ err, conversationId }, 'could not check a request\'s token: are the Bot Framework signing keys reachable?');
                return answer(res, 503, 'AuthenticationUnavailable', `The request could not be authenticated right now: ${failure.reason}. Try again shortly.`, { 'Retry-After': '30' });
            }
            this.log.warn({ conversationId, channelId: activity.channelId, reason: failure.reason }, 'request rejected: not authenticated');
            const code = failure.status === 403 ? 'Forbidden' : 'Unauthorized';
            return answer(res, failure.status, code, `The request is not authenticated: ${failure.reason}.`, failure.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
        }

        const invokeResponse = await this.processActivity(authenticated, activity, logic);
        // As CloudAdapter.process ends: the invoke (or expectReplies) status and body.
        res.status(invokeResponse?.status ?? 200);
        if (invokeResponse?.body) res.send(invokeResponse.body);
        res.end();
    }
}
