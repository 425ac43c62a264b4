// Broken copies of the real knowledge folder, one defect each. Each fixture is a fresh copy of
// knowledge/ in the OS temp dir with one YAML file changed, so every problem a test sees comes
// from the change it made. Problems name files relative to the working directory, as the
// loader does, so `fileLabel` computes the same text a content author would read.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledge } from '../../knowledge/load';

export const articleFile = 'articles/bmw-connected-security-code.yaml';
export const repliesFile = 'replies.yaml';
export const intentFile = (intent: string) => `intents/${intent}.yaml`;
export const lookupFile = 'lookups/other_products.yaml';

const created: string[] = [];

/** A fresh copy of the real knowledge folder's YAML files (the .ts files stay behind). */
export function copyKnowledge(): string {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-fixture-'));
    created.push(dir);
    cpSync(defaultKnowledgeDir, dir, {
        recursive: true,
        filter: (src) => !src.endsWith('.ts')
    });
    return dir;
}

/**
 * A copy of knowledge/ whose German is complete: where knowledge/de/ has no examples of its own
 * for an intent or reply act yet, the English file stands in, so a test of the translation check
 * sees only the defect it makes.
 */
export function translatedKnowledge(): string {
    const dir = copyKnowledge();
    for (const folder of ['intents', 'replyActs']) {
        mkdirSync(join(dir, 'de', folder), { recursive: true });
        for (const name of readdirSync(join(dir, folder))) {
            if (!existsSync(join(dir, 'de', folder, name))) cpSync(join(dir, folder, name), join(dir, 'de', folder, name));
        }
    }
    return dir;
}

/** Removes every fixture folder made so far; each test file calls it from an `after` hook. */
export function removeFixtures(): void {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// The YAML is loosely typed on purpose: fixtures write what the schema would reject.
export type Yaml = any;

/** Parses one file of the fixture, lets `change` mutate it, and writes it back. */
export function editYaml(dir: string, file: string, change: (data: Yaml) => void): void {
    const path = join(dir, file);
    const data: Yaml = parse(readFileSync(path, 'utf8'));
    change(data);
    writeFileSync(path, stringify(data));
}

/** Writes a new YAML file into the fixture, such as an extra intent. */
export function writeYaml(dir: string, file: string, data: Yaml): void {
    writeFileSync(join(dir, file), stringify(data));
}

/** Replaces a file's text outright, for defects the yaml package cannot write (syntax errors). */
export function writeText(dir: string, file: string, text: string): void {
    writeFileSync(join(dir, file), text);
}

export function readText(dir: string, file: string): string {
    return readFileSync(join(dir, file), 'utf8');
}

export function removeFile(dir: string, file: string): void {
    rmSync(join(dir, file));
}

/** A copy of knowledge/ with one file changed. */
export function brokenKnowledge(file: string, change: (data: Yaml) => void): string {
    const dir = copyKnowledge();
    editYaml(dir, file, change);
    return dir;
}

/** How the loader names a file of the fixture in its problems: relative to the working directory. */
export function fileLabel(dir: string, file: string, cwd: string = process.cwd()): string {
    return relative(cwd, join(dir, file));
}

/** The problems loadKnowledge reports for `dir`; fails the test if it loads cleanly. */
export function problemsOf(dir: string): string[] {
    try {
        loadKnowledge(dir);
    } catch (err) {
        if (err instanceof KnowledgeError) return err.problems;
        throw err;
    }
    throw new Error(`expected ${dir} to have problems, but it loaded cleanly`);
}

