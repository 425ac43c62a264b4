/** Fills {name} placeholders; the knowledge checker guarantees each text only uses names given here. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
