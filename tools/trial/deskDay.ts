// A day on the desk, typing only: two agents (Web Chat, signed in with one-time links) and four
// customers. Usage, with the bot started as
//   HANDOFF_AGENT_IDS=webchat:sam,webchat:rita SIGN_IN_SECRET=<32+ chars> npm start
//   npx tsx tools/trial/deskDay.ts http://localhost:3978 "<sam's link>" "<rita's link>"
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
async function browser(name: string) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `desk-${name}-`)), { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1000, height: 1400 } });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`${name} PAGE ERROR ${e.message}`));
    return { name, context, page };
}
type Person = Awaited<ReturnType<typeof browser>>;
const seen = (lines: string[]) => lines.map((l) => l.trim()).filter((l) => l && !/^(Bot \w+ said:|Bot attached:|BC|Sent at |Just now|\d+ minutes? ago|You said:)/.test(l));
async function transcript(page: Page) {
    const acts = page.locator('.webchat__basic-transcript__activity');
    const out: string[] = [];
    for (let i = 0; i < (await acts.count()); i++) out.push(seen((await acts.nth(i).innerText()).split('\n')).join(' | '));
    return out;
}
const shown = new Map<string, number>();
async function type(person: Person, text: string) {
    console.log(`\n${person.name} >>> ${text}`);
    const input = person.page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await person.page.waitForTimeout(2500);
}
async function news(person: Person) {
    const lines = await transcript(person.page);
    const from = shown.get(person.name) ?? 0;
    for (const l of lines.slice(from)) console.log(`   [${person.name} sees] ${l.slice(0, 600)}`);
    shown.set(person.name, lines.length);
}
const labels = async (agent: Person) => [...(await transcript(agent.page)).join('\n').matchAll(/accept ([A-Z0-9]{4,10})/gi)].map((m) => m[1]!.toUpperCase());

async function main() {
    const [url, samLink, ritaLink] = process.argv.slice(2);
    const sam = await browser('sam');
    const rita = await browser('rita');
    for (const [agent, link] of [[sam, samLink], [rita, ritaLink]] as const) {
        await agent.page.goto(link!);
        await agent.page.getByRole('button').first().click();
        await agent.page.waitForTimeout(3500);
    }
    const paula = await browser('paula');
    const omar = await browser('omar');
    const li = await browser('li');
    const dana = await browser('dana');
    for (const c of [paula, omar, li, dana]) { await c.page.goto(`${url}/`); await c.page.waitForTimeout(2500); }
    const everyone = [sam, rita, paula, omar, li, dana];

    await type(sam, 'available'); await type(rita, 'available');
    await type(paula, 'the app keeps rejecting my security code'); await type(paula, 'yes'); await type(paula, 'not sure');
    await type(paula, 'no, still rejected'); await type(paula, 'just let me talk to a person please');
    await type(omar, 'my phone app will not connect to the car'); await type(omar, 'can i speak to a human');
    await sam.page.waitForTimeout(3000);
    for (const p of everyone) await news(p);
    const waiting = [...new Set(await labels(sam))];
    console.log('\nlabels on the desk:', waiting.join(', '));
    await type(sam, `accept ${waiting[0]}`);
    await type(rita, `accept ${waiting[1]}`);
    await type(paula, 'hi, I re-entered it twice already');
    await type(sam, 'Thanks Paula. Which phone do you use?');
    await type(paula, 'an iPhone 15');
    await type(sam, 'note iPhone 15, re-entered twice, not a typo');
    await type(omar, 'bluetooth is on, still nothing');
    await type(rita, '/reset-app');
    await type(omar, 'that did it, thanks, bye');
    await type(rita, 'end resolved');
    await type(sam, 'transfer rita');
    await type(rita, 'Hi Paula, I have your case. Let us reset the app.');
    const cards = rita.page.locator('.ac-adaptiveCard');
    console.log('\n   [rita: the transferred case card, whole]\n   ' + (await cards.nth((await cards.count()) - 1).innerText()).replace(/\n+/g, ' | '));
    await type(li, 'notifications stopped, i want a person'); await type(li, 'yes');  await type(li, 'talk to a person');
    await type(sam, 'away');
    await type(rita, 'away');
    await type(dana, 'i need to speak to someone about my security code');
    await type(dana, 'please call me back on +49 171 2345678 after 5pm');
    await type(dana, 'thanks, bye');
    await type(sam, 'available');
    await type(sam, 'messages');
    const danaCase = [...(await transcript(sam.page)).join('\n').matchAll(/Mark ([A-Z0-9]{4,10}) done/gi)].map((m) => m[1]!.toUpperCase()).at(-1);
    await type(sam, `reply ${danaCase} Hi Dana, I will call you at 17:30 today.`);
    await type(sam, `done ${danaCase}`);
    await type(rita, 'end workaround');
    for (const p of everyone) await news(p);
    for (const p of everyone) { await p.page.screenshot({ path: `/tmp/deskDay-${p.name}.png`, fullPage: true }); await p.context.close(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
