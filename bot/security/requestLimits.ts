// Gaps in restify's body reader, closed before it runs (a `pre` handler):
// - It reads an oversized body to its end before answering 413 (it counts and drops the bytes),
//   so a client announcing 1 GB keeps a socket busy for as long as it sends. A Content-Length
//   over MAX_BODY_BYTES is answered 413 at once. The connection is not reset under the client,
//   though: a client still sending (Node's fetch sends the whole body before it reads) would lose
//   the answer with the reset (EPIPE). The body is drained, for a bounded time and size.
// - Node answers `Expect: 100-continue` with `100 Continue` before any handler runs, inviting the
//   oversized body it will refuse. The server is created with noWriteContinue (server.ts), and
//   the go-ahead is given here, only to a body within the limit.
// - It inflates `Content-Encoding: gzip` bodies with no limit on the inflated size (the limit
//   counts compressed bytes): 256 KB of gzip can become hundreds of MB of JSON. No Bot Framework
//   channel compresses requests, so any Content-Encoding other than identity gets 415.
import type { Next, Request, Response } from 'restify';
import type { Config } from '../config';

/** How long, and how much, of a refused body is read and dropped so the client can read the 413. */
const drainLimits = { ms: 5_000, bytes: 64 * 1024 * 1024 };

function reject(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.json({ code, message });
}

/** Reads and drops what the client still sends; past drainLimits, closes the connection. */
function drain(req: Request): void {
    const socket = req.socket;
    let bytes = 0;
    const timer = setTimeout(() => socket.destroy(), drainLimits.ms);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > drainLimits.bytes) socket.destroy();
    });
    req.once('close', () => clearTimeout(timer));
    req.resume();
}

export function requestLimits(config: Pick<Config, 'MAX_BODY_BYTES'>) {
    return function requestLimitsHandler(req: Request, res: Response, next: Next): void {
        const expectsContinue = /100-continue/i.test(req.headers.expect ?? '');
        const refuse = (status: number, code: string, message: string) => {
            // A client waiting for `100 Continue` has sent no body: the connection is closed, or the
            // body it may send after all would be read as the next request.
            if (expectsContinue) res.header('Connection', 'close');
            reject(res, status, code, message);
        };
        const encoding = req.headers['content-encoding'];
        if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
            refuse(415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted; send the JSON uncompressed.');
            return next(false);
        }
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > config.MAX_BODY_BYTES) {
            refuse(413, 'PayloadTooLarge', `Request body size exceeds ${config.MAX_BODY_BYTES} bytes.`);
            // Any other client is mid-send: answered, it is drained rather than reset.
            if (!expectsContinue) drain(req);
            return next(false);
        }
        if (expectsContinue) res.writeContinue();
        return next();
    };
}
