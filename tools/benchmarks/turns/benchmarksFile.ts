// Writes the turn-speed section of BENCHMARKS.md between its markers and leaves every other
// line of the file (other sections, other people's) exactly as it was.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const startMarker = '<!-- turns:start -->';
export const endMarker = '<!-- turns:end -->';

export function withSection(existing: string | undefined, section: string): string {
    const block = `${startMarker}\n${section.trimEnd()}\n\n${endMarker}`;
    if (existing === undefined || existing.trim() === '') return `# Benchmarks\n\n${block}\n`;
    const start = existing.indexOf(startMarker);
    const end = existing.indexOf(endMarker);
    if (start >= 0 && end > start) return existing.slice(0, start) + block + existing.slice(end + endMarker.length);
    return `${existing.trimEnd()}\n\n${block}\n`;
}

export function replaceSection(file: string, section: string): void {
    writeFileSync(file, withSection(existsSync(file) ? readFileSync(file, 'utf8') : undefined, section));
}
