// The Web Chat routes:
//   GET  /                      the page (see webChatPage.ts)
//   GET  /webchat/webchat.js    botframework-webchat's own browser bundle, from node_modules
//   POST /api/directline/token  a Direct Line token for the page: Azure's when DIRECT_LINE_SECRET
//                               is set, else the built-in Direct Line's, else 503 with the reason
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config';
import type { LocalDirectLine } from '../directline/localDirectLine';
import type { Logger } from '../logger';
import { azureTokenUrl, DirectLineTokenError, generateAzureToken } from './azureDirectLine';
import { renderWebChatPage } from './webChatPage';

export interface WebChatOptions {
    config: Pick<Config, 'BRAND_NAME' | 'BRAND_COLOR' | 'BOT_AVATAR_INITIALS' | 'DIRECT_LINE_SECRET'>;
    log: Logger;
    /** The built-in Direct Line, when it is on. */
    localDirectLine?: LocalDirectLine;
    /** Azure's token endpoint (tests point it at a stand-in). */
    tokenUrl?: string;
}

/** The browser bundle shipped in the botframework-webchat package (its exports map hides dist/). */
export function webChatBundlePath(): { path: string; version: string } {
    const packageDir = dirname(dirname(require.resolve('botframework-webchat')));
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return { path: join(packageDir, 'dist', 'webchat.js'), version };
}

const userIdPattern = /^dl_[A-Za-z0-9_-]{8,64}$/;

function newUserId(): string {
    return `dl_${randomBytes(16).toString('hex')}`;
}

function contentSecurityPolicy(nonce: string): string {
    return [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Web Chat styles itself at run time (emotion), so inline styles must be allowed.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self' https://*.botframework.com wss://*.botframework.com",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        // No site may frame the chat (clickjacking: a page overlaying it to steer clicks or typing).
        "frame-ancestors 'none'"
    ].join('; ');
}

export function addWebChatRoutes(server: Server, options: WebChatOptions): void {
    const { config, log, localDirectLine } = options;
    const bundle = webChatBundlePath();
    const scriptUrl = `/webchat/webchat.js?v=${encodeURIComponent(bundle.version)}`;
    let gzipped: Promise<Buffer> | undefined;

    server.get('/', async (_req: Request, res: Response) => {
        const nonce = randomBytes(16).toString('base64');
        const html = renderWebChatPage({
            brandName: config.BRAND_NAME,
            brandColor: config.BRAND_COLOR,
            initials: config.BOT_AVATAR_INITIALS,
            nonce,
            webChatScript: scriptUrl
        });
        res.writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'Content-Security-Policy': contentSecurityPolicy(nonce),
            // frame-ancestors' counterpart for browsers that predate CSP level 2.
            'X-Frame-Options': 'DENY',
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer'
        });
        res.end(html);
    });

    server.get('/webchat/webchat.js', async (req: Request, res: Response) => {
        const headers = {
            'Content-Type': 'application/javascript; charset=utf-8',
            // The URL carries the package version, so browsers may keep it.
            'Cache-Control': 'public, max-age=604800, immutable',
            'X-Content-Type-Options': 'nosniff'
        };
        try {
            if (/\bgzip\b/.test(req.header('accept-encoding') ?? '')) {
                // 3.9 MB becomes about 1 MB; compressed once, on the first request.
                gzipped ??= readFile(bundle.path).then((raw) => promisify(gzip)(raw));
                const body = await gzipped;
                res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
                res.end(body);
                return;
            }
            res.writeHead(200, { ...headers, Vary: 'Accept-Encoding' });
            createReadStream(bundle.path).pipe(res);
        } catch (err) {
            gzipped = undefined;
            log.error({ err, path: bundle.path }, 'could not serve the Web Chat bundle');
            if (!res.headersSent) {
                res.status(500);
                res.json({ code: 'InternalError', message: 'The Web Chat bundle could not be read.' });
            }
        }
    });

    server.post('/api/directline/token', async (req: Request, res: Response) => {
        const body = (req.is('json') && req.body && typeof req.body === 'object' ? req.body : {}) as {
            userId?: unknown;
            resume?: { conversationId?: unknown; token?: unknown };
        };
        const userId = typeof body.userId === 'string' && userIdPattern.test(body.userId) ? body.userId : newUserId();
        res.header('Cache-Control', 'no-store');

        if (config.DIRECT_LINE_SECRET) {
            try {
                const token = await generateAzureToken(config.DIRECT_LINE_SECRET, userId, options.tokenUrl ?? azureTokenUrl);
                res.json({ mode: 'azure', userId, ...token });
            } catch (err) {
                log.error({ err: err instanceof DirectLineTokenError ? err.message : err }, 'direct line token exchange failed');
                res.status(502);
                res.json({ code: 'DirectLineUnavailable', message: 'The chat service could not be reached. Please try again in a moment.' });
            }
            return;
        }
        if (localDirectLine) {
            const { conversationId, token } = body.resume ?? {};
            const resumed = typeof conversationId === 'string' && typeof token === 'string' ? localDirectLine.resume(userId, conversationId, token) : undefined;
            res.json({ mode: 'local', userId, resumed: !!resumed, ...(resumed ?? localDirectLine.open(userId)) });
            return;
        }
        res.status(503);
        res.json({
            code: 'DirectLineNotConfigured',
            message: 'Web Chat is not set up on this server: set DIRECT_LINE_SECRET (the Direct Line channel of the Azure Bot) or LOCAL_DIRECT_LINE=true for the built-in endpoint.'
        });
    });
}
