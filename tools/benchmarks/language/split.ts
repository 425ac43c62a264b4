// Splits messages.jsonl once into dev (40%) and test (60%), stratified by language and by
// length (1-3 words or longer), so both splits hold the same mix of short and ambiguous messages.
// The order within a stratum comes from a hash of the text, so a rerun gives the same split and
// adding a message moves no other one.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarkDir, readMessages, wordCount, type LabelledMessage } from './messages';

const devShare = 0.4;

function rank(text: string): string {
    return createHash('sha256').update(`langid-split-1:${text}`).digest('hex');
}

const strata = new Map<string, LabelledMessage[]>();
for (const message of readMessages('messages.jsonl')) {
    const key = `${message.language}:${wordCount(message.text) <= 3 ? 'short' : 'long'}`;
    strata.set(key, [...(strata.get(key) ?? []), message]);
}

const dev: LabelledMessage[] = [];
const test: LabelledMessage[] = [];
for (const messages of strata.values()) {
    const ordered = [...messages].sort((a, b) => rank(a.text).localeCompare(rank(b.text)));
    const devCount = Math.round(ordered.length * devShare);
    dev.push(...ordered.slice(0, devCount));
    test.push(...ordered.slice(devCount));
}

const asLines = (messages: LabelledMessage[]) => messages.map((m) => JSON.stringify(m)).join('\n') + '\n';
writeFileSync(join(benchmarkDir, 'dev.jsonl'), asLines(dev));
writeFileSync(join(benchmarkDir, 'test.jsonl'), asLines(test));
console.log(`dev ${dev.length}, test ${test.length}`);
