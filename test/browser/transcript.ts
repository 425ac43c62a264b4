// What a person reads in Web Chat's transcript, straight from the DOM: one entry per message,
// who sent it and its text as rendered (a card's text blocks joined by blank lines, as the card's
// own text fallback is). Compared with the knowledge's texts, it shows what Web Chat's rendering
// (markdown, typography) did to them.
import type { Page } from 'playwright-core';

export interface SeenMessage {
    from: 'bot' | 'person';
    text: string;
}

/** Every message in the transcript, oldest first. */
export function readTranscript(page: Page): Promise<SeenMessage[]> {
    // Anonymous functions only: tsx would name a named one with a helper the page lacks.
    return page.evaluate(() =>
        Array.from(document.querySelectorAll('article.webchat__basic-transcript__activity')).map((activity) => {
            const card = activity.querySelector('.ac-adaptiveCard');
            const blocks = card ? card.querySelectorAll('.ac-textBlock') : activity.querySelectorAll('.webchat__text-content');
            return {
                from: activity.querySelector('.webchat__stacked-layout--from-user') ? ('person' as const) : ('bot' as const),
                // Markdown ends a rendered paragraph's HTML with a line break no one sees.
                text: Array.from(blocks).map((block) => (block.textContent ?? '').replace(/\n$/, '')).join('\n\n')
            };
        })
    );
}

/** Waits until the transcript holds at least `count` messages (15 s at most), then returns it. */
export async function transcriptOf(page: Page, count: number): Promise<SeenMessage[]> {
    await page.waitForFunction((n) => document.querySelectorAll('article.webchat__basic-transcript__activity').length >= n, count, { timeout: 15_000 });
    // A message of several replies arrives in one go; a moment lets the last of them render.
    await page.waitForTimeout(300);
    return readTranscript(page);
}

/** Types a message into the send box and returns what follows in the transcript once `replies` answers have come (the message first). */
export async function typeAndRead(page: Page, text: string, replies: number): Promise<SeenMessage[]> {
    const before = (await readTranscript(page)).length;
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    return (await transcriptOf(page, before + 1 + replies)).slice(before);
}
