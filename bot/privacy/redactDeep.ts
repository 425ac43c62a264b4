// Security-code redaction over a JSON value a client sent (a card's submitted fields, an
// attachment's content): every string in it, at any depth that JSON from a request can have, and
// the keys too (a field named after the code is still the code).
import { redactSecurityCodes } from './redactSecurityCodes';

/** Deeper than this, a value is dropped rather than walked: no real card nests that far. */
const maxDepth = 32;

export interface DeepRedaction {
    value: unknown;
    redacted: boolean;
}

export function redactDeep(value: unknown): DeepRedaction {
    let redacted = false;
    const text = (s: string) => {
        const result = redactSecurityCodes(s);
        if (result.redacted) redacted = true;
        return result.text;
    };
    const walk = (v: unknown, depth: number): unknown => {
        if (typeof v === 'string') return text(v);
        if (typeof v !== 'object' || v === null) return v;
        if (depth >= maxDepth) return undefined;
        if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
        if (v instanceof Date) return v;
        // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
        return Object.fromEntries(Object.entries(v).map(([k, item]) => [text(k), walk(item, depth + 1)]));
    };
    return { value: walk(value, 0), redacted };
}
