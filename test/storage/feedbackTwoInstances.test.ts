// Feedback records in the shared store (STORAGE=blobs on Azurite, STORAGE=cosmos on a Cosmos DB
// stand-in): two bot processes on one store each close a case that is rated and commented, and
// `npm run report` (the real command, as a child process) shows both cases in one report; with the
// store down, the report says what happened and what to do.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readable, send, type Party } from '../handoff/botClient';
import { startBotProcess, type BotProcess } from './serverProcess';
import { useAzurite } from './useAzurite';
import { cosmosEnv, useCosmos } from './useCosmos';

const root = join(__dirname, '..', '..');
// The replies go back in the HTTP body (expectReplies); nothing is posted to this address.
const serviceUrl = 'http://127.0.0.1:9';
const toRating = ['my security code keeps getting rejected', 'yes', 'not sure', 'Yes'];

/** Runs a command as npm runs it (tsx <script>), with only these settings. */
async function command(script: string[], env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', join(root, ...script), ...args], {
            cwd: root,
            env: { PATH: process.env.PATH ?? '', ...env }
        });
        return { code: 0, stdout, stderr };
    } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
}

const report = (env: Record<string, string>, args: string[] = []) => command(['bot', 'report', 'cli.ts'], env, args);
const dataDelete = (env: Record<string, string>, args: string[]) => command(['bot', 'personData', 'deletePersonDataCli.ts'], env, args);

describe('feedback records in the shared store, from two bot processes', function () {
    this.timeout(120_000);

    describe('STORAGE=blobs, on Azurite', () => {
        const azurite = useAzurite('the two-instance feedback suite');
        const env = () => ({ STORAGE: 'blobs', BLOB_CONNECTION_STRING: azurite().connectionString, BLOB_CONTAINER: 'two-instances' });
        twoInstances(env, 'blob container two-instances-feedback at http://127.0.0.1:');

        it('with the store unreachable, the report says so, where, and what to check, and exits 1', async () => {
            const down = { ...env(), BLOB_CONNECTION_STRING: azurite().connectionString.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9') };
            const { code, stdout, stderr } = await report(down);
            expect(code).to.equal(1);
            expect(stdout).to.equal('');
            expect(stderr).to.include('Cannot read the feedback records from blob container two-instances-feedback at http://127.0.0.1:9/');
            expect(stderr).to.include('cannot be reached (ECONNREFUSED)');
            expect(stderr).to.include('Check BLOB_ACCOUNT_URL or BLOB_CONNECTION_STRING');
            expect(stderr).not.to.include('AccountKey');
        });

        it('with a container that holds no records yet, the report says so and exits 1', async () => {
            const { code, stderr } = await report({ ...env(), BLOB_CONTAINER: 'nothing-here' });
            expect(code).to.equal(1);
            expect(stderr).to.include('No feedback records in blob container nothing-here-feedback');
        });
    });

    describe('STORAGE=cosmos (@vercel/cosmosdb-server; bots and report trust its test certificate through NODE_EXTRA_CA_CERTS)', () => {
        const cosmos = useCosmos('the two-instance Cosmos DB feedback suite');
        const env = () => cosmosEnv(cosmos(), 'two-instances', 'state');
        twoInstances(env, 'Cosmos DB container "state" of database "two-instances" at https://127.0.0.1:');

        it('with the store unreachable, the report says so, where, and what to check, and exits 1', async () => {
            const { code, stderr } = await report({ ...env(), COSMOS_ENDPOINT: 'https://127.0.0.1:9/' });
            expect(code).to.equal(1);
            expect(stderr).to.include('Cannot read the feedback records from Cosmos DB container "state" of database "two-instances" at https://127.0.0.1:9/');
            expect(stderr).to.include('cannot be reached (ECONNREFUSED)');
            expect(stderr).to.include('Check COSMOS_ENDPOINT and COSMOS_KEY');
            expect(stderr).not.to.include(cosmos().key);
        });
    });
});

/** Two bot processes on the store `env` names (started after the store's own before hook). */
function twoInstances(env: () => Record<string, string>, where: string): void {
    let bots: BotProcess[] = [];
    // Hooks run in the order they are registered: the bots start once the store listens and are killed before it stops.
    before(async () => {
        bots = await Promise.all([startBotProcess(env()), startBotProcess(env())]);
    });
    after(async () => {
        await Promise.all(bots.map((b) => b.kill('SIGKILL')));
    });

    it('npm run report shows the rated and commented cases of both processes in one report', async () => {
        // The second comment carries a security code: records are redacted before they are written.
        const comments = ['the first instance was quick', 'the second instance was clear, my code 4821 failed though'];
        await Promise.all(
            bots.map(async (bot, i) => {
                const person: Party = { conversationId: `feedback-${i}`, userId: `person-${i}` };
                for (const text of toRating) await send(bot.url, serviceUrl, person, text);
                expect(readable(await send(bot.url, serviceUrl, person, '👍'))).to.include('Thanks for the feedback');
                await send(bot.url, serviceUrl, person, comments[i]!);
            })
        );

        const json = await report(env(), ['--json']);
        expect(json.code, json.stderr).to.equal(0);
        expect(json.stderr).to.include(`Reading the feedback records from ${where}`);
        const figures = JSON.parse(json.stdout) as { store: string; overall: { cases: number; outcomes: { resolved: number }; ratings: { good: number } } };
        expect(figures.store).to.include(where);
        expect(figures.overall.cases).to.equal(2);
        expect(figures.overall.outcomes.resolved).to.equal(2);
        expect(figures.overall.ratings.good).to.equal(2);

        const text = await report(env());
        expect(text.code, text.stderr).to.equal(0);
        expect(text.stdout).to.include('the first instance was quick');
        expect(text.stdout).to.include('the second instance was clear, my code');
        // The report prints the stored text as it is: the code never reached the store.
        expect(text.stdout + json.stdout).not.to.include('4821');
        // No key of the settings is in what the report prints.
        expect(text.stdout + text.stderr).not.to.match(/AccountKey|COSMOS_KEY=/);
    });

    it('npm run data:delete removes one person’s records from the shared store, and the report no longer counts them', async () => {
        const deleted = await dataDelete(env(), ['--user', 'person-0']);
        expect(deleted.code, deleted.stderr).to.equal(0);
        expect(deleted.stdout).to.match(/feedback records deleted: [1-9]/);
        const after = await report(env());
        expect(after.code, after.stderr).to.equal(0);
        expect(after.stdout).not.to.include('the first instance was quick');
        expect(after.stdout).to.include('the second instance was clear');
        const figures = JSON.parse((await report(env(), ['--json'])).stdout) as { overall: { cases: number } };
        expect(figures.overall.cases).to.equal(1);
    });
}
