// Reads the Prometheus text format into "name{a="1",b="2"}" -> value, labels sorted by name.
export type Samples = Map<string, number>;

export function sampleKey(name: string, labels: Record<string, string> = {}): string {
    const pairs = Object.entries(labels)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}="${v}"`);
    return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}

export function parsePromText(text: string): Samples {
    const samples: Samples = new Map();
    for (const line of text.split('\n')) {
        if (!line || line.startsWith('#')) continue;
        const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
        if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
        const labels: Record<string, string> = {};
        for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
        samples.set(sampleKey(match[1]!, labels), Number(match[3]));
    }
    return samples;
}

/** How much each sample moved between two scrapes (a sample missing before counts from 0). */
export function delta(before: Samples, after: Samples, name: string, labels: Record<string, string> = {}): number {
    const key = sampleKey(name, labels);
    return (after.get(key) ?? 0) - (before.get(key) ?? 0);
}
