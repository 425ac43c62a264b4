// What `npm run data:delete --` runs (tsx), as its own process, without npm's and npx's start-up time.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export function runDataDeleteCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
        const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bot/personData/deletePersonDataCli.ts', ...args], {
            cwd: resolve(__dirname, '../..'),
            env: { DOTENV_CONFIG_QUIET: 'true', ...env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => done({ code, stdout, stderr }));
    });
}
