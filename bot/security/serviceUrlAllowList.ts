// Where the bot may send. A turn's serviceUrl decides where its replies, updates and deletes go,
// and the agent desk keeps it for later proactive messages; with authentication off nothing
// vouches for it, so a client could make the bot POST anywhere. Only URLs on this list are used.
//
// URLs are compared parsed (scheme, host, port), never as string prefixes. A URL must also write
// its host the standard way (ASCII letters in any case or punycode, dotted IPv4, compressed IPv6,
// no user name, no trailing dot): whichever parser the HTTP client uses then reads the same host,
// and a look-alike (IDN, `127.1`, `0x7f.0.0.1`, `user@host`) is refused rather than interpreted.
// No DNS lookups: names are judged as written.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export interface ParsedServiceUrl {
    scheme: 'http:' | 'https:';
    /** Lower-case ASCII; IPv6 literals keep their brackets, as in WHATWG URL's `hostname`. */
    host: string;
    /** The effective port (443 or 80 when the URL names none). */
    port: number;
    path: string;
}

export interface AllowedOrigin {
    scheme: 'http:' | 'https:';
    host: string;
    port: number;
    /** `https://*.example.com`: any host below example.com (one label or more), not example.com itself. */
    wildcard: boolean;
    /** A path the URL must stay under, segment by segment ('' for any): the built-in Direct Line's own. */
    path: string;
}

export type ServiceUrlVerdict =
    | { allowed: true; url: ParsedServiceUrl }
    /** `host` is the parsed host name when there is one: safe to log (ASCII, at most 253 characters). */
    | { allowed: false; reason: string; host?: string };

const defaultPorts = { 'http:': 80, 'https:': 443 } as const;
const authorityOf = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/;
/** Printable ASCII without spaces or backslashes (WHATWG reads `\` as `/`; other parsers do not). */
const plainUrlText = /^[\x21-\x5b\x5d-\x7e]+$/;
const maxUrlLength = 2048;
/** DNS labels (letters, digits, `-`, `_`) joined by single dots, or a bracketed IPv6 literal. */
const hostName = /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/;

type Parsed = { ok: true; url: ParsedServiceUrl } | { ok: false; reason: string; host?: string };

/** Parses a serviceUrl strictly; the reason says what is wrong with it (for the log and config errors). */
export function parseServiceUrl(raw: unknown): Parsed {
    if (typeof raw !== 'string' || raw === '') return { ok: false, reason: 'is missing' };
    if (raw.length > maxUrlLength) return { ok: false, reason: `is longer than ${maxUrlLength} characters` };
    if (!plainUrlText.test(raw)) return { ok: false, reason: 'has spaces, control characters, backslashes or non-ASCII characters' };
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return { ok: false, reason: 'is not a URL' };
    }
    const host = url.hostname.slice(0, 253);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'is not an http or https URL', host };
    if (url.username || url.password || raw.includes('@')) return { ok: false, reason: 'carries a user name or password', host };
    if (raw.includes('?') || raw.includes('#')) return { ok: false, reason: 'has a query or fragment', host };
    if (!url.hostname || url.hostname.endsWith('.')) return { ok: false, reason: 'has an empty host name or one ending in a dot', host };
    if (!hostName.test(url.hostname)) return { ok: false, reason: 'has a host name with characters DNS names do not use', host };
    const scheme = url.protocol;
    const port = url.port ? Number(url.port) : defaultPorts[scheme];
    const written = authorityOf.exec(raw)?.[1]?.toLowerCase();
    if (written !== url.host && written !== `${url.hostname}:${port}`) {
        return { ok: false, reason: 'does not write its host the standard way (IDN, numeric or shortened IP forms, percent-encoding)', host };
    }
    return { ok: true, url: { scheme, host: url.hostname, port, path: url.pathname } };
}

/** Parses one allow-list entry: an origin such as `https://host[:port]`, with an optional leftmost `*.` label. */
export function parseAllowedOrigin(text: string): AllowedOrigin {
    const entry = text.trim();
    const wildcard = /^[a-z][a-z0-9+.-]*:\/\/\*\./i.test(entry);
    const parsed = parseServiceUrl(wildcard ? entry.replace('*.', '') : entry);
    if (!parsed.ok) throw new Error(`"${entry}" ${parsed.reason}`);
    const { scheme, host, port, path } = parsed.url;
    if (path !== '/' || /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/./i.test(entry)) throw new Error(`"${entry}" has a path: give an origin such as https://host or https://host:port`);
    if (wildcard) {
        if (host.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(host)) throw new Error(`"${entry}": a *. wildcard needs a domain name, not an IP address`);
        if (host.split('.').length < 2) throw new Error(`"${entry}": a *. wildcard needs at least two labels after it (*.example.com, not *.com)`);
    }
    return { scheme, host, port, wildcard, path: '' };
}

/** A comma-separated list of origins, as SERVICE_URL_ALLOWLIST holds it. */
export const allowedOriginsSchema = z
    .string()
    .optional()
    .transform((text, ctx) => {
        const entries = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const origins: AllowedOrigin[] = [];
        for (const entry of entries) {
            try {
                origins.push(parseAllowedOrigin(entry));
            } catch (err) {
                ctx.addIssue({ code: 'custom', message: (err as Error).message });
            }
        }
        return origins;
    });

/**
 * The hosts Microsoft's channels send from, used when the bot authenticates its callers: Teams in
 * the public cloud, GCC, GCC High and DoD (the Agents SDK's TeamsServiceEndpoints), and every Bot
 * Framework channel in the public and US Government clouds (Web Chat, Direct Line and its regional
 * endpoints such as europe.directline.botframework.com).
 */
export const botFrameworkChannelOrigins: readonly string[] = [
    'https://smba.trafficmanager.net',
    'https://smba.infra.gcc.teams.microsoft.com',
    'https://smba.infra.gov.teams.microsoft.us',
    'https://smba.infra.dod.teams.microsoft.us',
    'https://*.botframework.com',
    'https://*.botframework.azure.us'
];

/** localhost, 127.0.0.0/8, ::1 and their IPv4-mapped forms; `0.0.0.0` and `::` are not (they are "any"). */
export function isLoopbackHost(host: string): boolean {
    if (host === 'localhost') return true;
    const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (!ipaddr.isValid(literal)) return false;
    let address = ipaddr.parse(literal);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
    return address.range() === 'loopback';
}

function matches(entry: AllowedOrigin, url: ParsedServiceUrl): boolean {
    if (entry.scheme !== url.scheme || entry.port !== url.port) return false;
    if (entry.wildcard) {
        const labels = url.host.split('.');
        const domain = entry.host.split('.');
        if (labels.length <= domain.length || labels.some((l) => l === '')) return false;
        if (labels.slice(-domain.length).join('.') !== entry.host) return false;
    } else if (entry.host !== url.host) {
        return false;
    }
    return entry.path === '' || url.path === entry.path || url.path.startsWith(`${entry.path}/`);
}

export interface AllowListOptions {
    /** Origins configured by the operator (SERVICE_URL_ALLOWLIST). */
    configured: readonly AllowedOrigin[];
    /** Add botFrameworkChannelOrigins (when the bot checks its callers' tokens). */
    channels: boolean;
    /** Allow any loopback origin (development: the Emulator listens on localhost). */
    loopback: boolean;
    /** The built-in Direct Line's own serviceUrl, when it is on (known once the server listens). */
    ownServiceUrl?: () => string | undefined;
}

export class ServiceUrlAllowList {
    private readonly fixed: AllowedOrigin[];

    constructor(private readonly options: AllowListOptions) {
        this.fixed = [...(options.channels ? botFrameworkChannelOrigins.map(parseAllowedOrigin) : []), ...options.configured];
    }

    check(raw: unknown): ServiceUrlVerdict {
        const parsed = parseServiceUrl(raw);
        if (!parsed.ok) return { allowed: false, reason: parsed.reason, ...(parsed.host ? { host: parsed.host } : {}) };
        const { url } = parsed;
        if (this.options.loopback && isLoopbackHost(url.host)) return { allowed: true, url };
        if (this.fixed.some((entry) => matches(entry, url))) return { allowed: true, url };
        const own = this.ownOrigin();
        if (own && matches(own, url)) return { allowed: true, url };
        return { allowed: false, reason: 'is not on the allow-list', host: url.host };
    }

    private ownOrigin(): AllowedOrigin | undefined {
        const raw = this.options.ownServiceUrl?.();
        if (!raw) return undefined;
        const parsed = parseServiceUrl(raw);
        if (!parsed.ok) return undefined;
        const { scheme, host, port, path } = parsed.url;
        return { scheme, host, port, wildcard: false, path: path.replace(/\/+$/, '') };
    }
}
