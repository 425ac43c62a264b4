// The server's HMAC key for what it hands browsers and operators and must later recognise: the
// Web Chat user cookie, the agent cookie and the agent sign-in links. Every instance of the bot,
// and `npm run agent:link`, must use the same key, so it comes from configuration:
//   SIGN_IN_SECRET              when set (any instance count);
//   else DIRECT_LINE_SECRET     already shared by every instance, and whoever holds it can mint
//                               Direct Line tokens for any user id anyway;
//   else DATA_DIR/sign-in.key   32 random bytes made at first use, readable by the owner only
//                               (one machine: development, or a single instance with a volume).
// The key is never used directly: each purpose gets its own key derived with HKDF.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';

export type SigningPurpose = 'user-cookie' | 'agent-cookie' | 'agent-link';

export class SigningKey {
    private readonly keys = new Map<SigningPurpose, Buffer>();

    constructor(private readonly secret: Buffer) {
        if (secret.length < 16) throw new RangeError('SigningKey: the secret must have at least 16 bytes');
    }

    private keyFor(purpose: SigningPurpose): Buffer {
        let key = this.keys.get(purpose);
        if (!key) {
            key = Buffer.from(hkdfSync('sha256', this.secret, Buffer.alloc(0), `support-bot ${purpose}`, 32));
            this.keys.set(purpose, key);
        }
        return key;
    }

    /** `parts` joined by "." and followed by their MAC; parts must not contain ".". */
    sign(purpose: SigningPurpose, parts: string[]): string {
        if (parts.some((p) => p.includes('.'))) throw new Error('SigningKey.sign: a part contains "."');
        const payload = parts.join('.');
        return `${payload}.${this.mac(purpose, payload)}`;
    }

    /** The parts of a value this key signed for this purpose, or undefined for anything else. */
    verify(purpose: SigningPurpose, value: unknown, count: number): string[] | undefined {
        if (typeof value !== 'string' || value.length > 512) return undefined;
        const parts = value.split('.');
        if (parts.length !== count + 1) return undefined;
        const given = Buffer.from(parts.pop()!, 'base64url');
        const expected = Buffer.from(this.mac(purpose, parts.join('.')), 'base64url');
        return given.length === expected.length && timingSafeEqual(given, expected) ? parts : undefined;
    }

    private mac(purpose: SigningPurpose, payload: string): string {
        return createHmac('sha256', this.keyFor(purpose)).update(payload).digest('base64url');
    }
}

export const signInKeyFile = 'sign-in.key';

/** The key from configuration, as described above. */
export function loadSigningKey(config: Pick<Config, 'SIGN_IN_SECRET' | 'DIRECT_LINE_SECRET' | 'DATA_DIR'>): SigningKey {
    if (config.SIGN_IN_SECRET) return new SigningKey(Buffer.from(`sign-in:${config.SIGN_IN_SECRET}`));
    if (config.DIRECT_LINE_SECRET) return new SigningKey(Buffer.from(`direct-line:${config.DIRECT_LINE_SECRET}`));
    const path = join(config.DATA_DIR, signInKeyFile);
    try {
        return new SigningKey(readFileSync(path));
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    mkdirSync(config.DATA_DIR, { recursive: true });
    try {
        // 'wx': when two processes start at once, one writes and the other reads what it wrote.
        writeFileSync(path, randomBytes(32), { flag: 'wx', mode: 0o600 });
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return new SigningKey(readFileSync(path));
}
