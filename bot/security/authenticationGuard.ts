// Makes every authentication failure on POST /api/messages a JSON 401, never a 500.
//
// CloudAdapter.process, out of the box (botbuilder 4.23):
// - answers a missing or wrong-scheme token with 401 and a bare JSON string as the body, after
//   printing the error's stack with console.error (outside our structured logs);
// - answers a token with a forged signature with 500: jsonwebtoken's JsonWebTokenError is not an
//   AuthenticationError, so the adapter's catch maps it to INTERNAL_SERVER_ERROR;
// - fetches Azure AD's signing keys for any token whose issuer looks right, so a junk token can
//   make the bot call out (and, with the keys unreachable, answer 500).
// The guard replaces `process` on the adapter instance: offline checks first (bearerToken.ts),
// then botbuilder's own authentication (signature, issuer, endorsements, service URL), and only
// then the turn. A failed check is a 401 (or 403) with {code, message}; keys that cannot be
// fetched are a 503 with Retry-After (the bot cannot tell, so it neither accepts nor blames the
// caller). Errors inside the turn are untouched: onTurnError and the route handle those.
import type { Activity, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../logger';
import { checkBearerToken } from './bearerToken';

/** The two members CloudAdapterBase offers its subclasses; the guard uses them from outside. */
interface AdapterInternals {
    botFrameworkAuthentication?: { authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> };
    processActivity(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/** The part of restify's (or express's) request and response the guard uses. */
interface HttpRequest {
    method?: string;
    body?: unknown;
    headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
    status(code: number): unknown;
    header(name: string, value: unknown): unknown;
    send(...args: unknown[]): unknown;
    end(...args: unknown[]): unknown;
}

export interface AuthenticationGuardOptions {
    /** MicrosoftAppId; when unset, botbuilder's rules for an unauthenticated bot apply. */
    appId: string | undefined;
    log: Logger;
    /** Seconds since the epoch, for tests. */
    now?: () => number;
}

const guarded = Symbol('authenticationGuard');
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

function header(req: HttpRequest, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}

function answer(res: HttpResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
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

/** Installs the guard on this adapter (idempotent). */
export function guardAuthentication(adapter: CloudAdapter, { appId, log, now = () => Date.now() / 1000 }: AuthenticationGuardOptions): void {
    const target = adapter as CloudAdapter & { [guarded]?: true };
    if (target[guarded]) return;
    const internals = adapter as unknown as AdapterInternals;
    const auth = internals.botFrameworkAuthentication;
    if (!auth || typeof internals.processActivity !== 'function') {
        throw new Error('guardAuthentication: this CloudAdapter does not expose botFrameworkAuthentication/processActivity (botbuilder changed?)');
    }
    const original = adapter.process.bind(adapter) as (...args: unknown[]) => Promise<void>;

    const process = async (req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>, maybeLogic?: unknown): Promise<void> => {
        // The streaming (WebSocket upgrade) form is left to botbuilder.
        if (maybeLogic !== undefined) return original(req, res, logic, maybeLogic);
        if (req.method !== 'POST') return answer(res, 405, 'MethodNotAllowed', 'Only POST is accepted here.');
        const body = req.body;
        if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
            return answer(res, 400, 'InvalidActivity', 'The body must be an activity (a JSON object with a type).');
        }
        const activity = fixTimestamps(body as Activity);
        const authorization = header(req, 'authorization') ?? '';
        const conversationId = activity.conversation?.id;

        if (appId) {
            const check = checkBearerToken(authorization, appId, now());
            if (!check.ok) {
                log.warn({ conversationId, channelId: activity.channelId, reason: check.reason }, 'request rejected: not authenticated');
                return answer(res, 401, 'Unauthorized', `The request is not authenticated: ${check.reason}.`, { 'WWW-Authenticate': 'Bearer' });
            }
        }

        let authenticated: AuthenticateRequestResult;
        try {
            authenticated = await auth.authenticateRequest(activity, authorization);
        } catch (err) {
            const failure = classifyAuthenticationError(err);
            if (failure.status === 503) {
                log.error({ err, conversationId }, 'could not check a request\'s token: are the Bot Framework signing keys reachable?');
                return answer(res, 503, 'AuthenticationUnavailable', `The request could not be authenticated right now: ${failure.reason}. Try again shortly.`, { 'Retry-After': '30' });
            }
            log.warn({ conversationId, channelId: activity.channelId, reason: failure.reason }, 'request rejected: not authenticated');
            const code = failure.status === 403 ? 'Forbidden' : 'Unauthorized';
            return answer(res, failure.status, code, `The request is not authenticated: ${failure.reason}.`, failure.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
        }

        const invokeResponse = await internals.processActivity(authenticated, activity, logic);
        // As CloudAdapter.process ends: the invoke (or expectReplies) status and body.
        res.status(invokeResponse?.status ?? 200);
        if (invokeResponse?.body) res.send(invokeResponse.body);
        res.end();
    };

    Object.defineProperty(target, 'process', { value: process, configurable: true, writable: true });
    target[guarded] = true;
}
