// Issue 7.5: `npm run data:delete -- --user <id>` deletes one person's transcripts, user state,
// one-to-one conversation state, feedback records and agent desk entries from a file-store
// DATA_DIR, prints what it deleted, and leaves everyone else's data alone.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { deskDocumentSchema, deskKey, leftMessagesDocumentSchema, leftMessagesKey } from '../../bot/handoff/deskDocument';
import { DeskStore } from '../../bot/handoff/deskStore';
import { LmdbStorage } from '../../bot/storage/lmdbStorage';
import { FileTranscriptStore, transcriptFile } from '../../bot/transcripts/fileTranscriptStore';
import { deletePersonData, describeDeletion } from '../../bot/personData/deletePersonData';
import { allActivities, allTranscripts } from '../../bot/transcripts/managedTranscriptStore';
import { runDeletePersonData } from '../../bot/personData/deletePersonDataCli';
import { runDataDeleteCli } from './dataDeleteCli';
import { activity, post, startSecuredBot } from './securedBot';

const run = (args: string[], env: Record<string, string>) => runDataDeleteCli(args, { ...process.env, ...env });

describe('deleting one person’s data (data:delete)', function () {
    this.timeout(60_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'delete-person-'));
    const env = { STORAGE: 'file', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    const alice = { id: 'alice', name: 'Alice' };
    const bob = { id: 'bob', name: 'Bob' };
    const group = { id: 'team-chat', conversationType: 'groupChat' };

    before(async () => {
        const bot = await startSecuredBot(env);
        try {
            const say = (conversation: string | typeof group, from: typeof alice, text: string) =>
                post(bot.url, activity(typeof conversation === 'string' ? conversation : conversation.id, text, { from, ...(typeof conversation === 'string' ? {} : { conversation }) }));
            // Alice: a case she leaves (user state with its history, a case feedback record), and
            // a message the bot did not understand (an "unrecognised" feedback record with her words).
            await say('alice-chat', alice, 'my security code is not accepted');
            await say('alice-chat', alice, 'yes');
            await say('alice-chat', alice, 'cancel');
            await say('alice-chat-2', alice, 'zxqv blorp flurb');
            // Bob: the same, in his own conversations.
            await say('bob-chat', bob, 'my security code is not accepted');
            await say('bob-chat', bob, 'yes');
            await say('bob-chat', bob, 'cancel');
            await say('bob-chat-2', bob, 'qqqq wibble zork');
            // Both in a group chat.
            await say(group, alice, 'hello team');
            await say(group, bob, 'hi alice');
            await bot.bot.transcripts.flush();
        } finally {
            await bot.stop();
        }
    });

    // The command in-process (same code as the script runs), for the cases that need no process of their own.
    async function inProcess(args: string[]) {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runDeletePersonData(args, env, (l) => out.push(l), (l) => err.push(l));
        return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    }

    it('refuses to run without --user, or on the memory store', async () => {
        const result = await inProcess([]);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.match(/--user is required/);
        expect(await runDeletePersonData(['--user', 'x'], { STORAGE: 'memory' }, () => {}, () => {})).to.equal(1);
    });

    it('with --dry-run reports and deletes nothing', async () => {
        const result = await inProcess(['--user', 'alice', '--dry-run']);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/transcript would delete: test \/ alice-chat/);
        expect(existsSync(transcriptFile(join(dataDir, 'transcripts'), 'test', 'alice-chat'))).to.equal(true);
    });

    it('deletes the person’s transcripts, state and feedback, prints it, and keeps everyone else’s', async () => {
        const feedbackBefore = readFileSync(join(dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n');
        const storage = new LmdbStorage({ dataDir });
        const before = await storage.read(['test/users/alice/', 'test/users/bob/', 'test/conversations/alice-chat/', 'test/conversations/alice-chat-2/']);
        await storage.close();
        expect(Object.keys(before).sort(), 'state to delete exists').to.deep.equal(['test/conversations/alice-chat-2/', 'test/conversations/alice-chat/', 'test/users/alice/', 'test/users/bob/']);

        const result = await run(['--user', 'alice', '--channel', 'test'], env);
        expect(result.code, result.stderr).to.equal(0);
        const out = result.stdout;
        expect(out).to.match(/transcript deleted: test \/ alice-chat \(\d+ activities\)/);
        expect(out).to.match(/transcript deleted: test \/ alice-chat-2 /);
        expect(out).to.match(/shared conversation test \/ team-chat: deleted \d+ of their activities/);
        expect(out).to.include('state deleted: test/conversations/alice-chat/');
        expect(out).to.include('state deleted: test/conversations/alice-chat-2/');
        expect(out).to.include('state deleted: test/users/alice/');
        expect(out).to.match(/feedback records deleted: [2-9]/);

        const transcripts = new FileTranscriptStore(join(dataDir, 'transcripts'));
        expect((await allTranscripts(transcripts, 'test')).map((t) => t.id).sort()).to.deep.equal(['bob-chat', 'bob-chat-2', 'team-chat']);
        const groupLeft = await allActivities(transcripts, 'test', 'team-chat');
        expect(groupLeft.some((a) => a.from?.id === 'alice')).to.equal(false);
        expect(groupLeft.some((a) => a.from?.id === 'bob')).to.equal(true);

        const after = new LmdbStorage({ dataDir });
        const left = await after.read(['test/users/alice/', 'test/users/bob/', 'test/conversations/alice-chat/', 'test/conversations/alice-chat-2/', 'test/conversations/bob-chat/']);
        await after.close();
        expect(Object.keys(left).sort()).to.deep.equal(['test/conversations/bob-chat/', 'test/users/bob/']);

        const feedbackAfter = readFileSync(join(dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n');
        expect(feedbackAfter.length).to.be.lessThan(feedbackBefore.length);
        expect(feedbackAfter.join('\n')).not.to.include('blorp');
        expect(feedbackAfter.join('\n')).to.include('wibble');

        const again = new LmdbStorage({ dataDir });
        try {
            const report = await deletePersonData({ userId: 'alice', transcripts, storage: again, feedbackFile: join(dataDir, 'feedback.jsonl') });
            expect(describeDeletion('alice', report)).to.deep.equal(['nothing found for user "alice"']);
        } finally {
            await again.close();
        }
    });
});

describe('deleting one person’s data: the agent desk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delete-person-desk-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const customer = (userId: string, conversationId: string) => ({ channelId: 'webchat', user: { id: userId, name: userId }, conversation: { id: conversationId, name: '', isGroup: false, conversationType: 'personal' }, bot: { id: 'bot', name: 'bot' }, serviceUrl: 'http://localhost' });
    const summary = (caseId: string, words: string) => ({
        caseId,
        symptom: 'code_not_accepted',
        symptomTitle: 'Code not accepted',
        channel: 'webchat',
        openedAt: '2026-11-25T10:00:00.000Z',
        reason: 'asked',
        answers: [],
        steps: [],
        confidence: [],
        firstMessage: words,
        messages: [words]
    });

    it('removes their queue place, live chat and left messages, and their cases’ feedback, keeping everyone else’s', async () => {
        const storage = new LmdbStorage({ dataDir: dir });
        try {
            const since = '2026-11-25T10:00:00.000Z';
            await new DeskStore(storage, deskKey, deskDocumentSchema).update((d) => {
                d.waiting.push({ caseId: 'case-alice-1', customer: customer('alice', 'a1'), summary: summary('case-alice-1', 'alice waits'), since, toldPosition: 1, state: 'waiting' });
                d.waiting.push({ caseId: 'case-bob-1', customer: customer('bob', 'b1'), summary: summary('case-bob-1', 'bob waits'), since, toldPosition: 2, state: 'waiting' });
                d.connections.push({ caseId: 'case-alice-2', customer: customer('alice', 'a2'), agentId: 'agent', agent: customer('agent', 'agent-chat'), summary: summary('case-alice-2', 'alice talks'), since, said: [], notes: [] });
            });
            await new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema).update((m) => {
                m.leftMessages.push({ caseId: 'case-alice-3', customer: customer('alice', 'a3'), summary: summary('case-alice-3', 'alice left'), message: 'call me at home', at: since, more: [], answers: [] });
                m.leftMessages.push({ caseId: 'case-bob-2', customer: customer('bob', 'b2'), summary: summary('case-bob-2', 'bob left'), message: 'email me', at: since, more: [], answers: [] });
            });
            const feedbackFile = join(dir, 'feedback.jsonl');
            writeFileSync(feedbackFile, ['case-alice-3', 'case-bob-2'].map((caseId) => JSON.stringify({ caseId, kind: 'case' }) + '\n').join(''));

            const dryRun = await deletePersonData({ userId: 'alice', transcripts: undefined, storage, feedbackFile, dryRun: true });
            expect(dryRun.handoffEntriesDeleted).to.equal(3);
            expect((await new DeskStore(storage, deskKey, deskDocumentSchema).read()).waiting).to.have.length(2);

            const report = await deletePersonData({ userId: 'alice', transcripts: undefined, storage, feedbackFile });
            expect(report.handoffEntriesDeleted).to.equal(3);
            expect(describeDeletion('alice', report).join('\n')).to.contain('agent desk entries deleted');
            const desk = await new DeskStore(storage, deskKey, deskDocumentSchema).read();
            expect(desk.waiting.map((w) => w.caseId)).to.deep.equal(['case-bob-1']);
            expect(desk.connections).to.have.length(0);
            const left = await new DeskStore(storage, leftMessagesKey, leftMessagesDocumentSchema).read();
            expect(left.leftMessages.map((m) => m.message)).to.deep.equal(['email me']);
            expect(readFileSync(feedbackFile, 'utf8')).to.contain('case-bob-2').and.not.contain('case-alice-3');
        } finally {
            await storage.close();
        }
    });
});
