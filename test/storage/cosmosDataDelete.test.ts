// `npm run data:delete -- --user <id>` on a Cosmos DB deployment: state in Cosmos DB
// (@vercel/cosmosdb-server), transcripts in Blob Storage (Azurite), as README prescribes. The
// person's user state and one-to-one conversation state go, everyone else's stay.
import { expect } from 'chai';
import { send, type Party } from '../handoff/botClient';
import { CosmosStorage, cosmosOptions } from '../../bot/storage/cosmosStore';
import { ManagedBlobsTranscriptStore, transcriptContainerName } from '../../bot/transcripts/blobsTranscripts';
import { allTranscripts } from '../../bot/transcripts/managedTranscriptStore';
import { startBotProcess } from './serverProcess';
import { runDataDeleteCli } from '../security/dataDeleteCli';
import { useAzurite } from './useAzurite';
import { cosmosEnv, useCosmos } from './useCosmos';

const serviceUrl = 'http://127.0.0.1:9';

const runCli = (args: string[], env: Record<string, string>) => runDataDeleteCli(args, { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env });

describe('data:delete on STORAGE=cosmos (state in Cosmos DB, transcripts in blobs)', function () {
    this.timeout(120_000);
    const azurite = useAzurite('the Cosmos DB data:delete suite');
    const cosmos = useCosmos('the Cosmos DB data:delete suite');
    const env = () => ({
        ...cosmosEnv(cosmos(), 'delete-person', 'state'),
        BLOB_CONNECTION_STRING: azurite().connectionString,
        BLOB_CONTAINER: 'cosmos-delete'
    });
    const alice: Party = { conversationId: 'alice-chat', userId: 'alice' };
    const bob: Party = { conversationId: 'bob-chat', userId: 'bob' };
    // User state is written once a case ends (its history); the conversation state from the first turn.
    const keys = ['emulator/users/alice/', 'emulator/conversations/alice-chat/', 'emulator/users/bob/', 'emulator/conversations/bob-chat/'];
    const storage = () =>
        new CosmosStorage({ ...cosmosOptions(env() as unknown as Parameters<typeof cosmosOptions>[0]), cosmosClientOptions: { agent: cosmos().agent } });

    before(async () => {
        const bot = await startBotProcess(env());
        try {
            for (const person of [alice, bob]) for (const text of ['my security code keeps getting rejected', 'yes', 'cancel']) await send(bot.url, serviceUrl, person, text);
            // Transcripts are written after the turn: wait until both conversations are listed.
            const transcripts = new ManagedBlobsTranscriptStore(azurite().connectionString, transcriptContainerName('cosmos-delete'));
            const until = Date.now() + 15_000;
            while ((await allTranscripts(transcripts, 'emulator').catch(() => [])).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
        } finally {
            await bot.kill('SIGTERM');
        }
    });

    it('deletes the person’s user and conversation state from Cosmos DB and keeps everyone else’s', async () => {
        expect(Object.keys(await storage().read(keys)).sort(), 'the state to delete exists').to.deep.equal([...keys].sort());
        const result = await runCli(['--user', 'alice'], env());
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include('state deleted: emulator/users/alice/').and.include('state deleted: emulator/conversations/alice-chat/');
        expect(Object.keys(await storage().read(keys)).sort()).to.deep.equal(['emulator/conversations/bob-chat/', 'emulator/users/bob/']);
    });
});
