// Who a request comes from, for rate limits: the TCP peer, never a header a client can write
// (X-Forwarded-For). An IPv6 host is usually given a whole /64 and can send from any address in
// it, so IPv6 peers are grouped by their /64 prefix; IPv4 (and IPv4-mapped IPv6) stays per address.
import ipaddr from 'ipaddr.js';

/** The rate-limit key for a peer address: "203.0.113.7", or "2001:db8:0:0::/64" for any address in that /64. */
export function addressKey(address: string | undefined): string {
    if (!address) return 'unknown';
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
        parsed = ipaddr.parse(address);
    } catch {
        return address.slice(0, 64);
    }
    if (parsed.kind() === 'ipv4') return parsed.toString();
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return `${v6.parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}

/** The rate-limit key of the request's TCP peer. */
export function clientAddressKey(req: { socket?: { remoteAddress?: string } }): string {
    return addressKey(req.socket?.remoteAddress);
}
