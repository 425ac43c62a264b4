// npx tsx tools/benchmarks/turns/profileSummary.ts FILE.cpuprofile [--top 25] [--inclusive fn,fn@file,...]
// Where a V8 CPU profile (node --cpu-prof) spends its time: self time by function and by
// package (node_modules/<name>, node: internals, or this project's folder), as shares of the
// samples taken while not idle.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
    functionName: string;
    url: string;
    lineNumber: number;
}
interface ProfileNode {
    id: number;
    callFrame: CallFrame;
    children?: number[];
}
interface CpuProfile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

export function owner(url: string): string {
    if (!url) return '(native / V8)';
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
    const modules = url.lastIndexOf('node_modules/');
    if (modules >= 0) {
        const rest = url.slice(modules + 'node_modules/'.length).split('/');
        return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    }
    const project = /\/(bot|dialogs|knowledge)\//.exec(url);
    return project ? `project ${project[1]}/` : url;
}

/**
 * Inclusive time of each named function: the samples with that function anywhere on their stack
 * (each sample counted once per name). A name is a function name, optionally with "@" and part
 * of its file's path ("read@lmdbStorage").
 */
export function inclusiveTimes(profile: CpuProfile, names: string[]): { name: string; ms: number; share: number }[] {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const matches = (frame: CallFrame, name: string) => {
        const [fn, file] = name.split('@');
        return frame.functionName === fn && (!file || frame.url.includes(file));
    };
    const totals = new Map(names.map((n) => [n, 0]));
    let busy = 0;
    profile.samples.forEach((id, i) => {
        const us = profile.timeDeltas[i] ?? 0;
        if (byId.get(id)!.callFrame.functionName === '(idle)') return;
        busy += us;
        const seen = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
            const frame = byId.get(cur)!.callFrame;
            for (const name of names) if (!seen.has(name) && matches(frame, name)) seen.add(name);
        }
        for (const name of seen) totals.set(name, totals.get(name)! + us);
    });
    return names.map((name) => ({ name, ms: Math.round(totals.get(name)! / 1000), share: Math.round((totals.get(name)! / busy) * 1000) / 10 }));
}

export function summariseProfile(profile: CpuProfile, top = 25) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map<number, number>();
    profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const functions = new Map<string, number>();
    const packages = new Map<string, number>();
    let busy = 0;
    let idle = 0;
    for (const [id, us] of selfUs) {
        const frame = byId.get(id)!.callFrame;
        if (frame.functionName === '(idle)') {
            idle += us;
            continue;
        }
        busy += us;
        const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(bot|dialogs|knowledge)\//, '$1/')}:${frame.lineNumber + 1}` : '';
        const fn = `${frame.functionName || '(anonymous)'} ${where}`.trim();
        functions.set(fn, (functions.get(fn) ?? 0) + us);
        const pkg = frame.functionName === '(garbage collector)' ? '(garbage collector)' : owner(frame.url);
        packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    }
    const rank = (m: Map<string, number>) =>
        [...m.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, top)
            .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Math.round((us / busy) * 1000) / 10 }));
    return { busyMs: Math.round(busy / 1000), idleMs: Math.round(idle / 1000), packages: rank(packages), functions: rank(functions) };
}

if (require.main === module) {
    const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' }, inclusive: { type: 'string' } }, allowPositionals: true });
    for (const file of positionals) {
        const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
        const summary = summariseProfile(profile, Number(values.top));
        console.log(`${file}: busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`);
        console.log('  by package (self time):');
        for (const p of summary.packages) console.log(`    ${String(p.share).padStart(5)}%  ${String(p.ms).padStart(7)} ms  ${p.name}`);
        console.log('  by function (self time):');
        for (const f of summary.functions) console.log(`    ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.name}`);
        if (values.inclusive) {
            console.log('  inclusive (anywhere on the stack):');
            for (const t of inclusiveTimes(profile, values.inclusive.split(','))) console.log(`    ${String(t.share).padStart(5)}%  ${String(t.ms).padStart(7)} ms  ${t.name}`);
        }
    }
}
