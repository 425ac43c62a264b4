// Prints the path-coverage report that knowledgePaths.test.ts wrote (npm run coverage:paths).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const report = JSON.parse(readFileSync(join(__dirname, '..', 'artifacts', 'path-coverage.json'), 'utf8')) as { possible: number; exercised: number; missing: string[] };
console.log(`knowledge paths: ${report.exercised} of ${report.possible} diagnostic answers and step outcomes exercised`);
for (const gap of report.missing) console.log(`  never exercised: ${gap}`);
process.exitCode = report.missing.length ? 1 : 0;
