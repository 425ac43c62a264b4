// Measures every language identifier side by side, in one process, on the test split: how often
// it names the right language, names a wrong one, names one for a message that has none, and what
// it costs per message and to start. Command: npx tsx tools/benchmarks/language/compare.ts
import { languageConfidenceThreshold } from '../../../bot/nlu/identifyLanguage';
import { ownCandidate, packageCandidates, type Candidate, type Identify } from './candidates';
import { readMessages } from './messages';
import { percent, score } from './score';

const timingRounds = 30;
const test = readMessages('test.jsonl');

function medianMicroseconds(identify: Identify): number {
    for (const message of test) identify(message.text);
    const samples: number[] = [];
    for (let round = 0; round < timingRounds; round++) {
        for (const message of test) {
            const start = process.hrtime.bigint();
            identify(message.text);
            samples.push(Number(process.hrtime.bigint() - start) / 1000);
        }
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

async function measure(candidate: Candidate): Promise<string> {
    const start = process.hrtime.bigint();
    const identify = await candidate.load();
    const startupMs = Number(process.hrtime.bigint() - start) / 1e6;
    const s = score(identify, test);
    const cells = [
        candidate.name,
        percent(s.accuracy),
        percent(s.wrong),
        percent(s.shortAccuracy),
        percent(s.eitherNamed),
        percent(1 - s.eitherNamed),
        medianMicroseconds(identify).toFixed(1),
        startupMs.toFixed(0)
    ];
    return `| ${cells.join(' | ')} |`;
}

async function main() {
    const candidates = [
        ownCandidate(languageConfidenceThreshold, 1.5, `ours (natural letter n-grams + words), threshold ${languageConfidenceThreshold} (used)`),
        ownCandidate(0.5, 1.5, 'ours, no threshold (0.5)'),
        ...packageCandidates
    ];
    const first = test.filter((m) => m.language !== 'either');
    console.log(
        `Test split: ${test.length} messages, ${first.length} en/de (${first.filter((m) => m.text.trim().split(/\s+/).length <= 3).length} of 1-3 words), ` +
            `${test.length - first.length} either.\n`
    );
    console.log('| identifier | en/de right % | en/de wrong language % | 1-3 words right % | either: named a language % | either: cannot tell % | median µs / message | start-up ms |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const candidate of candidates) console.log(await measure(candidate));
}

void main();
