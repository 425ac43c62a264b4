// npm run data:delete -- --user <channelUserId> [--channel <channelId>] [--dry-run]
// Deletes one person's transcripts, user state, one-to-one conversation state and feedback
// records from the store the environment configures (the same variables as the bot), and prints
// what it deleted. Safe to run while the bot runs on STORAGE=file (LMDB allows several processes).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { feedbackFile, sharedFeedbackLog } from '../feedback/createFeedbackLog';
import { createStorage } from '../storage/createStorage';
import { createTranscriptStore } from '../transcripts/createTranscriptStore';
import { deletePersonData, describeDeletion } from './deletePersonData';

const usage = 'usage: npm run data:delete -- --user <channelUserId> [--channel <channelId>] [--dry-run]';

/** The command, callable in-process (tests): returns the exit code. */
export async function runDeletePersonData(
    args: string[],
    env: Record<string, string | undefined> = process.env,
    print: (line: string) => void = console.log,
    printError: (line: string) => void = console.error
): Promise<number> {
    let values: { user?: string; channel?: string; 'dry-run'?: boolean; help?: boolean };
    try {
        ({ values } = parseArgs({
            args,
            options: { user: { type: 'string' }, channel: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
            strict: true
        }));
    } catch (err) {
        printError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
        return 2;
    }
    if (values.help) {
        print(usage);
        return 0;
    }
    const userId = values.user?.trim();
    if (!userId) {
        printError(`--user is required\n${usage}`);
        return 2;
    }
    const config = loadConfig(env);
    if (config.STORAGE === 'memory') {
        printError('STORAGE=memory keeps everything inside the running bot: there is nothing on disk to delete. Restarting the bot forgets it all.');
        return 1;
    }
    const dryRun = values['dry-run'] === true;
    const store = await createStorage(config);
    try {
        const { store: transcripts, where } = createTranscriptStore(config);
        const channel = values.channel?.trim() || undefined;
        print(`${dryRun ? 'Looking for' : 'Deleting'} the data of user ${JSON.stringify(userId)}${channel ? ` on channel ${channel}` : ' on every channel'} (state: ${store.kind}; transcripts: ${where})`);
        const report = await deletePersonData({
            userId,
            channelId: channel,
            transcripts,
            storage: store.storage,
            // Both: records written before STORAGE named a shared store stay in the file.
            feedbackFile: feedbackFile(config),
            sharedFeedback: sharedFeedbackLog(config),
            dryRun
        });
        for (const line of describeDeletion(userId, report, dryRun)) print(line);
        return 0;
    } finally {
        await store.close();
    }
}

if (require.main === module) {
    runDeletePersonData(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            console.error(err instanceof ConfigError ? err.message : `data:delete failed: ${err instanceof Error ? err.message : String(err)}`);
            process.exit(1);
        }
    );
}
