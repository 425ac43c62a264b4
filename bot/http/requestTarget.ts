// Two changes restify 12 made to how it reads the request target, undone at the edge:
// - req.getUrl() builds a WHATWG URL from the Host header and the target. restify 12.0.0 does
//   not catch it when that throws (restify/node-restify#2011, open; fix proposed in #2012), and
//   its router calls it on every request: one `Host: a b` would end the process (as one
//   `GET http://[/` target ended restify 11's, whose url.parse threw the same way). The `pre`
//   handler parses first, so a Host or target that no URL can hold gets a 400 (RFC 9112 asks
//   for 400 on an invalid Host) and the parse is cached for the router.
// - WHATWG URLs drop dot segments, so `/api/./messages` would reach POST /api/messages, where
//   restify 11 (url.parse, literal paths) answered 404. The first `use` handler answers such
//   targets 404 as before; it runs after routing, so requestLimits' 413/415 still come first.
import type { Next, Request, Response } from 'restify';

function answer(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.json({ code, message });
}

export function rejectUnparsableTarget(req: Request, res: Response, next: Next): void {
    try {
        req.getUrl();
    } catch {
        answer(res, 400, 'BadRequest', 'The Host header or the request target is not a valid URL; send the host name you connected to and a path starting with /.');
        return next(false);
    }
    return next();
}

/** `.` or `..`, spelled plainly or percent-encoded: the segments a WHATWG URL resolves away. */
const dotSegment = /^(?:\.|%2e){1,2}$/i;

export function rejectDotSegments(req: Request, res: Response, next: Next): void {
    // url.parse read backslashes before the query as slashes, and so does a WHATWG URL.
    const path = (req.url ?? '').split(/[?#]/)[0]!;
    if (path.split(/[/\\]/).some((segment) => dotSegment.test(segment))) {
        answer(res, 404, 'ResourceNotFound', `${path} does not exist`);
        return next(false);
    }
    return next();
}
