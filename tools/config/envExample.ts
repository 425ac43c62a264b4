// npm run env:example: writes deploy/env.example from bot/config.ts's schema, every setting with
// its default and its description, in the schema's groups. test/storage/deployment.test.ts fails
// when the committed file differs from what this renders, so the file cannot fall behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { settingSections } from '../../bot/config';

export const envExamplePath = join(__dirname, '..', '..', 'deploy', 'env.example');

const width = 100;

const header = [
    'Environment of the support bot, generated from bot/config.ts by `npm run env:example` (edit the',
    'descriptions there: a test compares this file with the schema).',
    'Copy to .env for `docker run --env-file .env`, or set the same names as App Service application',
    'settings (deploy/azure/main.bicep does). Every line is commented out, so a copy changes nothing:',
    'an unset variable takes the default shown (the image sets NODE_ENV=production, PORT and DATA_DIR).',
    'Remove the # before a name to set it. An empty value means "unset". Every value is validated at start:',
    'a wrong one stops the bot with its name.'
];

function wrap(text: string): string[] {
    const lines: string[] = [];
    let line = '#';
    for (const word of text.split(/\s+/)) {
        if (line.length + 1 + word.length > width && line !== '#') {
            lines.push(line);
            line = '#';
        }
        line += ` ${word}`;
    }
    lines.push(line);
    return lines;
}

function defaultOf(schema: z.ZodType): string {
    const def = (schema as unknown as { def: { type: string; defaultValue?: unknown } }).def;
    return def.type === 'default' ? String(def.defaultValue) : '';
}

export function renderEnvExample(): string {
    const out = header.map((l) => `# ${l}`);
    for (const { title, shape } of settingSections) {
        out.push('', `# ---- ${title} ${'-'.repeat(Math.max(4, width - 8 - title.length))}`);
        for (const [key, schema] of Object.entries(shape as Record<string, z.ZodType>)) {
            if (!schema.description) throw new Error(`${key} has no description in bot/config.ts (add .describe(...))`);
            out.push(...wrap(schema.description), `#${key}=${defaultOf(schema)}`);
        }
    }
    return `${out.join('\n')}\n`;
}

if (require.main === module) {
    writeFileSync(envExamplePath, renderEnvExample());
    console.log(`Wrote ${envExamplePath}`);
}
