// A whole German conversation in Web Chat, in Chromium under the page's real CSP, typed from start
// to end (no button pressed): what the person reads, message by message and byte for byte, is the
// German knowledge's text (umlauts, ß and „quotes“ survive Web Chat's markdown and typography).
// And the text decides the language: in an English browser German gets German answers, and
// "English please" switches.
//
// Without /usr/bin/chromium the suite is reported as pending (never passed), with the reason.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { launchChromium, requireChromium, type Chromium } from './chromium';
import { readTranscript, transcriptOf, typeAndRead, type SeenMessage } from './transcript';
import type { RunningBot } from '../../bot/startBot';
import { startTestBot } from '../http/botServer';
import { aboutSymptom } from '../../dialogs/digressions';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { loadKnowledgeBase, type Knowledge } from '../../knowledge/load';
import { findStep, findSymptom } from '../../knowledge/lookup';

const { en, de } = loadKnowledgeBase();

const confirm = (k: Knowledge, symptom: string) => fillTemplate(k.replies.confirmSymptom, { confirm: findSymptom(k, symptom).symptom.confirm });
const question = (k: Knowledge, id: string) => k.articles[0]!.questions.find((q) => q.id === id)!;
/** A step card as read: heading, instructions, the reminder not to share the code where the step has one, the question. */
function stepCard(k: Knowledge, n: number, total: number, id: string): string {
    const step = findStep(k.articles[0]!, id);
    const heading = fillTemplate(k.replies.stepCard.heading, { number: n, total, title: step.title });
    return [heading, step.instructions, step.remindNotToShareCode ? k.replies.stepCard.codeReminder : undefined, k.replies.stepCard.question].filter(Boolean).join('\n\n');
}
const bot = (text: string): SeenMessage => ({ from: 'bot', text });
const person = (text: string): SeenMessage => ({ from: 'person', text });
/** English as Web Chat shows it: its typographer curls the apostrophes (German has none to curl). */
const typeset = (text: string) => text.replace(/'/g, '’');

/** A browser on the page, collecting its errors. */
async function openPage(server: RunningBot, locale: string): Promise<{ browser: Chromium; page: Page; problems: string[] }> {
    const browser = await launchChromium({ viewport: { width: 1100, height: 900 }, locale });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${server.url}/`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 15_000 });
    await transcriptOf(page, 1);
    return { browser, page, problems };
}

const suggestedActions = (page: Page, name: string) => page.getByRole('toolbar', { name }).getByRole('button').allTextContents();

describe('Browser: a German conversation typed in Web Chat (German Chromium)', function () {
    this.timeout(90_000);
    let server: RunningBot | undefined;
    let browser: Chromium | undefined;
    let page: Page;
    let problems: string[] = [];

    before(async function () {
        requireChromium(this);
        server = await startTestBot();
        ({ browser, page, problems } = await openPage(server, 'de-DE'));
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('welcomes in German, with the four symptoms as German buttons', async () => {
        const [welcome] = await readTranscript(page);
        expect(welcome).to.deep.equal(bot(de.replies.welcome));
        expect(await suggestedActions(page, 'Empfohlene Aktionen')).to.deep.equal(de.articles[0]!.symptoms.map((s) => s.label));
    });

    it('renders German byte for byte: umlauts, ß and „quotes“ as the knowledge has them', async () => {
        const expected = bot(de.replies.help);
        const seen = (await typeAndRead(page, 'Was können Sie alles?', 1)).at(-1)!;
        expect(seen).to.deep.equal(expected);
        // Byte for byte: the same UTF-8, so no Unicode normalisation or typographic quote changed a character.
        expect(Buffer.from(seen.text, 'utf8').equals(Buffer.from(expected.text, 'utf8'))).to.equal(true);
        expect(seen.text).to.include('„von vorn“').and.include('für').and.include('Lösung');
    });

    it('goes from a typed symptom to "resolved" and the feedback thanks, every text the German knowledge\'s, in order', async () => {
        const start = (await readTranscript(page)).length;
        const expected: SeenMessage[] = [];
        const turn = async (text: string, ...replies: string[]) => {
            const messages = [person(text), ...replies.map(bot)];
            expected.push(...messages);
            expect(await typeAndRead(page, text, replies.length), `after "${text}"`).to.deep.equal(messages);
        };
        await turn('Mein Sicherheitscode wird ständig abgelehnt', confirm(de, 'code_not_accepted'));
        await turn('ja', aboutSymptom(de, 'code_not_accepted'), question(de, 'software_up_to_date').prompt);
        // The question's answers are offered as buttons (ß included), though the person types.
        expect(await suggestedActions(page, 'Empfohlene Aktionen')).to.deep.equal(question(de, 'software_up_to_date').answers.map((a) => a.label));
        await turn('weiß nicht', stepCard(de, 1, 4, 're_enter_code'));
        await turn('hat nicht geklappt', stepCard(de, 2, 4, 'check_updates'));
        await turn('hat geklappt', de.replies.resolved, de.replies.feedbackPrompt);
        await turn('super, danke', `${de.replies.feedbackThanks} ${de.replies.understanding.commentPrompt}`);
        expect((await readTranscript(page)).slice(start), 'the whole conversation, in order').to.deep.equal(expected);
        // The comparisons above are exact (the same UTF-16, so the same UTF-8): these letters came through unchanged.
        expect(expected.map((m) => m.text).join(' ')).to.include('ä').and.include('Ö').and.include('ü').and.include('ß');
        expect(await page.getByText(/Fehler beim Senden|Wird gesendet/).count(), 'every message was delivered').to.equal(0);
    });

    it('logged no errors in the browser', () => {
        expect(problems).to.deep.equal([]);
    });
});

describe('Browser: German typed in an English Chromium', function () {
    this.timeout(90_000);
    let server: RunningBot | undefined;
    let browser: Chromium | undefined;
    let page: Page;
    let problems: string[] = [];

    before(async function () {
        requireChromium(this);
        server = await startTestBot();
        ({ browser, page, problems } = await openPage(server, 'en-US'));
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('welcomes in English, then answers German in German: the text decides, not the browser', async () => {
        expect((await readTranscript(page))[0]).to.deep.equal(bot(typeset(en.replies.welcome)));
        expect(await typeAndRead(page, 'Die App verbindet sich nicht mit meinem Auto', 1)).to.deep.equal([
            person('Die App verbindet sich nicht mit meinem Auto'),
            bot(confirm(de, 'app_not_connecting'))
        ]);
        expect(await suggestedActions(page, 'Suggested actions')).to.deep.equal([de.replies.answers.confirm.yes.label, de.replies.answers.confirm.no.label]);
    });

    it('switches to English on "English please" and asks the open question again in English', async () => {
        expect(await typeAndRead(page, 'English please', 2)).to.deep.equal([
            person('English please'),
            bot(typeset(en.replies.languageChosen)),
            bot(typeset(confirm(en, 'app_not_connecting')))
        ]);
        expect(await typeAndRead(page, 'yes', 2)).to.deep.equal([person('yes'), bot(typeset(aboutSymptom(en, 'app_not_connecting'))), bot(typeset(question(en, 'bluetooth_on').prompt))]);
    });

    it('logged no errors in the browser', () => {
        expect(problems).to.deep.equal([]);
    });
});
