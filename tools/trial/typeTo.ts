// Types to the running bot's Web Chat page in Debian's Chromium, never pressing a button, and
// prints the conversation as the page shows it. Usage:
//   npm start   (in another shell), then
//   npx tsx tools/trial/typeTo.ts http://localhost:3978 "first message" "second" ...
// TRIAL_LOCALE=de-DE opens the page as a German browser (navigator.language and Accept-Language).
// A screenshot of the last state goes to /tmp/typeTo.png.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

async function main() {
    const [url, ...messages] = process.argv.slice(2);
    const profile = mkdtempSync(join(tmpdir(), 'trial-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
        viewport: { width: 1000, height: 900 },
        ...(process.env.TRIAL_LOCALE ? { locale: process.env.TRIAL_LOCALE } : {})
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    const activities = page.locator('.webchat__basic-transcript__activity');
    // Waits for at least `atLeast` activities, then until none has arrived for 1.5 s.
    const settle = async (atLeast = 1) => {
        let last = -1;
        let stable = 0;
        for (let i = 0; i < 120; i++) {
            await page.waitForTimeout(250);
            const n = await activities.count();
            stable = n === last ? stable + 1 : 0;
            last = n;
            if (n >= atLeast && stable >= 6) return;
        }
    };
    await settle();
    let shown = 0;
    const dump = async () => {
        const n = await activities.count();
        for (let i = shown; i < n; i++) {
            const lines = (await activities.nth(i).innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
            // Web Chat repeats each message for screen readers ("Bot BC said: ..."); show what is seen.
            const seen = lines.filter((l) => !/^(Bot \w+ said:|Bot attached:|BC|Sent at |Just now|\d+ minutes? ago)/.test(l) && !/^(You said:|Bot said:)/.test(l));
            console.log(`  bot: ${seen.join('\n       ')}`);
        }
        shown = n;
    };
    await dump();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    for (const m of messages) {
        console.log(`>>> ${m}`);
        const before = await activities.count();
        await input.fill(m);
        await input.press('Enter');
        await settle(before + 2);
        shown += 1; // the person's own bubble
        await dump();
    }
    await page.screenshot({ path: '/tmp/typeTo.png' });
    if (errors.length) console.log('PAGE ERRORS:', errors);
    await context.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
