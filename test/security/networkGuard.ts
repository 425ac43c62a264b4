// Records (and blocks) every outbound TCP connection that is not to this machine, so a test can
// assert that rejecting a request needed no network call. Loopback traffic (the test's own HTTP
// requests to the bot) goes through untouched.
import net from 'node:net';

function isLoopback(host: string | undefined): boolean {
    if (!host) return true;
    return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export interface NetworkGuard {
    attempts: string[];
    restore(): void;
}

export function guardNetwork(): NetworkGuard {
    const original = net.Socket.prototype.connect;
    const attempts: string[] = [];
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        // net.connect hands over its normalized [options, callback] array; direct callers pass options or (port, host).
        const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
        const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: string; port?: unknown; path?: string };
        if (!options.path && !isLoopback(options.host)) {
            attempts.push(`${options.host}:${String(options.port)}`);
            process.nextTick(() => this.destroy(new Error(`network blocked by the test: ${options.host}`)));
            return this;
        }
        return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    return {
        attempts,
        restore() {
            net.Socket.prototype.connect = original;
        }
    };
}
