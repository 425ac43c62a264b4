// Debian's Chromium for the browser tests, headless, with a throw-away profile. A suite that
// cannot find it is reported pending with the install command, never skipped silently.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

/** In a `before` hook: marks the suite pending, saying why, when Chromium is not installed. */
export function requireChromium(hook: Mocha.Context): void {
    if (existsSync(chromiumPath)) return;
    console.log(`    PENDING: ${chromiumPath} is missing, so the browser tests cannot run. Install Debian's Chromium with: apt-get install -y chromium`);
    hook.skip();
}

export interface Chromium {
    context: BrowserContext;
    /** Closes the browser and removes its profile. */
    close(): Promise<void>;
}

/** locale: the browser's language (navigator.language and the Accept-Language it sends), as 'de-DE'. */
export async function launchChromium(options: { viewport?: { width: number; height: number }; bypassCSP?: boolean; locale?: string } = {}): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), 'support-bot-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args, ...options });
    return {
        context,
        async close() {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        }
    };
}
