// Two gaps in restify 11's body reader, closed before it runs (a `pre` handler):
// - It reads an oversized body to its end before answering 413 (it counts and drops the bytes),
//   so a client announcing 1 GB keeps a socket busy for as long as it sends. A Content-Length
//   over MAX_BODY_BYTES is answered 413 at once, and the connection closed.
// - It inflates `Content-Encoding: gzip` bodies with no limit on the inflated size (the limit
//   counts compressed bytes): 256 KB of gzip can become hundreds of MB of JSON. No Bot Framework
//   channel compresses requests, so any Content-Encoding other than identity gets 415.
import type { Next, Request, Response } from 'restify';
import type { Config } from '../config';

function reject(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.json({ code, message });
}

export function requestLimits(config: Pick<Config, 'MAX_BODY_BYTES'>) {
    return function requestLimitsHandler(req: Request, res: Response, next: Next): void {
        const encoding = req.headers['content-encoding'];
        if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
            reject(res, 415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted; send the JSON uncompressed.');
            return next(false);
        }
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > config.MAX_BODY_BYTES) {
            res.header('Connection', 'close');
            reject(res, 413, 'PayloadTooLarge', `Request body size exceeds ${config.MAX_BODY_BYTES} bytes.`);
            return next(false);
        }
        return next();
    };
}
