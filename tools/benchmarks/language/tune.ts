// Chooses our identifier's threshold and letter-pattern weight on the dev split only. The rule:
// most en/de messages right, minus the "either" messages given a language (a reply in a language
// the customer may not read costs as much as one missed switch), minus twice the en/de messages
// named wrong (a wrong switch is worse than staying in the conversation's language).
// Command: npx tsx tools/benchmarks/language/tune.ts
import { ownCandidate } from './candidates';
import { readMessages } from './messages';
import { percent, score } from './score';

const dev = readMessages('dev.jsonl');
const rows: { threshold: number; letterWeight: number; value: number; line: string }[] = [];

async function main() {
    for (const letterWeight of [0.5, 1, 1.5, 2, 3]) {
        for (const threshold of [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99]) {
            const identify = await ownCandidate(threshold, letterWeight).load();
            const s = score(identify, dev);
            const value = s.accuracy - 2 * s.wrong - (s.eitherNamed * s.counts.either) / s.counts.languaged;
            rows.push({
                threshold,
                letterWeight,
                value,
                line: `weight ${letterWeight} threshold ${threshold}: right ${percent(s.accuracy)} wrong ${percent(s.wrong)} short ${percent(s.shortAccuracy)} either named ${percent(s.eitherNamed)} -> ${value.toFixed(3)}`
            });
        }
    }
    for (const row of rows) console.log(row.line);
    // Ties (the dev split is small) go to the higher threshold (a wrong switch costs more than a
    // missed one), then to the setting whose next threshold up also scores well (a plateau, not an edge).
    const next = (row: (typeof rows)[number]) => {
        const following = rows[rows.indexOf(row) + 1];
        return following?.letterWeight === row.letterWeight ? following.value : 0;
    };
    const better = (b: (typeof rows)[number], a: (typeof rows)[number]) =>
        b.value > a.value || (b.value === a.value && (b.threshold > a.threshold || (b.threshold === a.threshold && next(b) > next(a))));
    const best = rows.reduce((a, b) => (better(b, a) ? b : a));
    console.log(`best on dev: ${best.line}`);
}

void main();
