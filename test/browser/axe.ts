// axe-core in the page under test: its source injected with playwright, run with the WCAG 2.2 AA
// tags, and its findings split into the page's own and Web Chat's.
//
// The page's own: anything outside Web Chat's root (#webchat), the Adaptive Cards' content (the
// bot writes it, and the page styles its buttons), and every colour contrast finding, because
// every colour Web Chat paints comes from the page's styleOptions. The rest is Web Chat's markup,
// which the page cannot change; it is listed, not failed on.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
    rule: string;
    impact: string;
    help: string;
    target: string;
    summary: string;
}

let source: string | undefined;

/** Runs axe on the whole document; the page needs a context with bypassCSP (its CSP forbids inline scripts). */
export async function runAxe(page: Page, options: { tags?: string[]; rules?: string[] } = {}): Promise<{ own: AxeFinding[]; webChat: AxeFinding[] }> {
    source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
    const runOnly = options.rules ? { type: 'rule', values: options.rules } : { type: 'tag', values: options.tags ?? wcagTags };
    return page.evaluate(async (only) => {
        type Node = { target: unknown[]; failureSummary?: string };
        type Result = { violations: { id: string; impact?: string; help: string; nodes: Node[] }[] };
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
        const result = await axe.run(document, { runOnly: only, resultTypes: ['violations'] });
        const own: AxeFinding[] = [];
        const webChat: AxeFinding[] = [];
        for (const violation of result.violations) {
            for (const node of violation.nodes) {
                const selector = String(node.target[0]);
                const element = document.querySelector(selector);
                const inWebChat = !!element?.closest('#webchat') && !element.closest('.ac-adaptiveCard') && violation.id !== 'color-contrast';
                const finding = { rule: violation.id, impact: violation.impact ?? '', help: violation.help, target: selector, summary: node.failureSummary ?? '' };
                (inWebChat ? webChat : own).push(finding);
            }
        }
        return { own, webChat };
    }, runOnly);
}

/** One line per finding, for the console and for assertion messages. */
export const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.rule} (${f.impact}) ${f.target}: ${f.summary.replace(/\s+/g, ' ')}`).join('\n');
