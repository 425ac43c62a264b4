// State across real bot processes: a SIGKILL in the middle of a dialog loses nothing (the next
// answer continues at the next step), and two processes sharing one blob container behave like
// one, turn for turn, even when messages of one conversation arrive at once; on blobs and Cosmos DB.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readable, send, type Party } from '../handoff/botClient';
import { startBotProcess, type BotProcess } from './serverProcess';
import { useAzurite } from './useAzurite';
import { cosmosEnv, useCosmos } from './useCosmos';

// The replies go back in the HTTP body (expectReplies); nothing is posted to this address.
const serviceUrl = 'http://127.0.0.1:9';
const script = ['my security code keeps getting rejected', 'yes', 'not sure', 'No', 'I already tried that', "I can't do this"];

describe('state across bot processes', function () {
    this.timeout(120_000);

    it('a kill -9 mid-dialog loses nothing: after a restart the next answer continues at the next step', async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'kill9-'));
        const person: Party = { conversationId: 'kill-nine', userId: 'person-k' };
        try {
            let bot: BotProcess = await startBotProcess({ STORAGE: 'file', DATA_DIR: dataDir });
            for (const text of ['my security code keeps getting rejected', 'yes', 'not sure']) await send(bot.url, serviceUrl, person, text);
            expect(readable(await send(bot.url, serviceUrl, person, 'No'))).to.include('Step 2 of 4');
            await bot.kill('SIGKILL');
            bot = await startBotProcess({ STORAGE: 'file', DATA_DIR: dataDir });
            try {
                expect(readable(await send(bot.url, serviceUrl, person, 'No'))).to.include('Step 3 of 4');
            } finally {
                await bot.kill('SIGKILL');
            }
        } finally {
            rmSync(dataDir, { recursive: true, force: true });
        }
    });

    describe('two processes on one Azurite container', () => {
        const azurite = useAzurite('the two-process suite');
        twoProcesses(() => ({ STORAGE: 'blobs', BLOB_CONNECTION_STRING: azurite().connectionString, BLOB_CONTAINER: 'two-processes' }));
    });

    describe('on one Cosmos DB container (@vercel/cosmosdb-server; the bots trust its test certificate through NODE_EXTRA_CA_CERTS)', () => {
        const cosmos = useCosmos('the Cosmos DB process suite');

        it('a kill -9 mid-dialog loses nothing: after a restart the next answer continues at the next step', async () => {
            const env = cosmosEnv(cosmos(), 'kill-nine', 'state');
            const person: Party = { conversationId: 'kill-nine-cosmos', userId: 'person-kc' };
            let bot: BotProcess = await startBotProcess(env);
            try {
                for (const text of ['my security code keeps getting rejected', 'yes', 'not sure']) await send(bot.url, serviceUrl, person, text);
                expect(readable(await send(bot.url, serviceUrl, person, 'No'))).to.include('Step 2 of 4');
                await bot.kill('SIGKILL');
                bot = await startBotProcess(env);
                expect(readable(await send(bot.url, serviceUrl, person, 'No'))).to.include('Step 3 of 4');
            } finally {
                await bot.kill('SIGKILL');
            }
        });

        describe('two processes', () => {
            twoProcesses(() => cosmosEnv(cosmos(), 'two-processes', 'state'));
        });
    });
});

/** Two bot processes started on the store `env` names (after the store's own before hook). */
function twoProcesses(env: () => Record<string, string>): void {
    // Hooks run in the order they are registered: the bots are killed before the store stops,
    // and start only once it listens (when it cannot start, neither do they).
    let bots: BotProcess[] = [];
    after(async () => {
        await Promise.all(bots.map((b) => b.kill('SIGKILL')));
    });
    before(async () => {
        bots = await Promise.all([startBotProcess(env()), startBotProcess(env())]);
    });

    it('turns alternating between the processes match a single process step for step', async () => {
        const single: string[] = [];
        for (const text of script) single.push(readable(await send(bots[0]!.url, serviceUrl, { conversationId: 'alone', userId: 'p1' }, text)));
        const alternating: string[] = [];
        for (const [i, text] of script.entries()) alternating.push(readable(await send(bots[i % 2]!.url, serviceUrl, { conversationId: 'alternating', userId: 'p2' }, text)));
        expect(alternating).to.deep.equal(single);
        expect(single.at(-1)).to.include('Step 4 of 4');
    });

    it('a burst of simultaneous messages to both processes is processed one after the other, none dropped', async () => {
        const person: Party = { conversationId: 'burst', userId: 'p3' };
        for (const text of ['my security code keeps getting rejected', 'yes', 'not sure']) await send(bots[0]!.url, serviceUrl, person, text);
        // Three "No"s at once, spread over both processes: each must move the person one step on.
        const replies = await Promise.all([0, 1, 0].map((b) => send(bots[b]!.url, serviceUrl, person, 'No').then(readable)));
        const steps = replies.map((r) => /Step (\d) of 4/.exec(r)?.[1] ?? (r.includes('support agent') ? 'offer' : r.slice(0, 60)));
        expect([...steps].sort()).to.deep.equal(['2', '3', '4']);
        // And the next answer finds all three recorded: the steps have run out.
        expect(readable(await send(bots[1]!.url, serviceUrl, person, 'No'))).to.include('support agent');
    });
}
