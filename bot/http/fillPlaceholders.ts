// Fills a page text's {placeholders} (knowledge/webChatPage.yaml, knowledge/legalPages.yaml) with
// the values given. split/join, not replace: a value such as a brand name may hold `$&`.
export function fillPlaceholders(text: string, values: Record<string, string>): string {
    return Object.entries(values).reduce((filled, [name, value]) => filled.split(`{${name}}`).join(value), text);
}
