// Two browsers on the running bot's Web Chat page: a customer who types until they ask for a
// person, and an agent who signs in with a one-time link, then types desk commands. Typing only.
//   HANDOFF_AGENT_IDS=webchat:sam npm start   (in another shell), then
//   npx tsx tools/trial/agentDay.ts http://localhost:3978 "$(HANDOFF_AGENT_IDS=webchat:sam npm run --silent agent:link -- sam | grep -o 'http[^ ]*' | head -1)"
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
async function browser(name: string) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `trial-${name}-`)), { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1000, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`${name} PAGE ERROR ${e.message}`));
    return { context, page };
}
function seen(lines: string[]) {
    return lines.map((l) => l.trim()).filter((l) => l && !/^(Bot \w+ said:|Bot attached:|BC|Sent at |Just now|\d+ minutes? ago|You said:)/.test(l));
}
async function transcript(page: Page) {
    const acts = page.locator('.webchat__basic-transcript__activity');
    const out: string[] = [];
    for (let i = 0; i < (await acts.count()); i++) out.push(seen((await acts.nth(i).innerText()).split('\n')).join(' | '));
    return out;
}
async function type(page: Page, who: string, text: string) {
    console.log(`${who} >>> ${text}`);
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await page.waitForTimeout(3500);
}
async function main() {
    const [url, link] = process.argv.slice(2);
    const customer = await browser('customer');
    const agent = await browser('agent');
    await agent.page.goto(link!);
    await agent.page.getByRole('button').first().click();
    await agent.page.waitForTimeout(4000);
    console.log('agent page header:', (await agent.page.locator('header').first().innerText()).replace(/\n/g, ' | '));
    await customer.page.goto(`${url}/`);
    await customer.page.waitForTimeout(3000);
    await type(customer.page, 'customer', 'the app wont accept my pin');
    await type(customer.page, 'customer', 'can i talk to a real person please');
    await type(agent.page, 'agent', 'queue');
    await type(agent.page, 'agent', 'accept');
    await type(customer.page, 'customer', 'hi, my pin 4821 is rejected');
    await type(agent.page, 'agent', 'Hi, I am Sam. Please reinstall the app, do not send your code here.');
    await type(customer.page, 'customer', 'ok thanks that worked');
    await type(agent.page, 'agent', 'end');
    await type(customer.page, 'customer', 'good');
    console.log('\n=== customer sees'); for (const l of await transcript(customer.page)) console.log('  ' + l);
    console.log('\n=== agent sees'); for (const l of await transcript(agent.page)) console.log('  ' + l);
    await customer.page.screenshot({ path: '/tmp/agentDay-customer.png' });
    await agent.page.screenshot({ path: '/tmp/agentDay-agent.png' });
    await customer.context.close(); await agent.context.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
