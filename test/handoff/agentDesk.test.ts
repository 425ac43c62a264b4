// The human handoff end to end over HTTP: a customer and an agent, each in their own
// conversation, against the real server and a stand-in for the channel service that records the
// proactive messages. The Teams/Direct Line services themselves cannot run here, nor can Azure AD:
// the bot runs with credentials, and the channel service's token signing and Azure AD's token
// issuance are faked (signedChannel.ts). The agent is a Teams user, known by Azure AD identity.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/startBot';
import { loadKnowledge, loadKnowledgeBase } from '../../knowledge/load';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { caseLabel } from '../../bot/handoff/caseLabel';
import { runReport } from '../../bot/report/cli';
import { readable, send, type Party } from './botClient';
import { startChannelStandIn, type ChannelStandIn } from './channelStandIn';
import { credentials, fakeChannelService, type SignedChannel } from './signedChannel';

const { replies, desk: deskData } = loadKnowledge();
const h = replies.handoff;
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const agentObjectId = '6b1e0c4e-7d1a-4f0e-9a55-3f1d2c0b9e11';
const agent: Party = { conversationId: 'agent-conversation', userId: '29:agent-1', name: 'Sam', channelId: 'msteams', aadObjectId: agentObjectId, tenantId: tenant };
const customer: Party = { conversationId: 'customer-conversation', userId: 'person-1' };
const secondCustomer: Party = { conversationId: 'second-customer', userId: 'person-2' };
const secondAgentObjectId = '0f4c2a9e-1111-4b7d-8c33-9d2e5f6a7b80';
const secondAgent: Party = { conversationId: 'agent-2-conversation', userId: '29:agent-2', name: 'Rita', channelId: 'msteams', aadObjectId: secondAgentObjectId, tenantId: tenant };
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

describe('human handoff and the built-in agent desk', function () {
    this.timeout(30_000);
    let channel: ChannelStandIn;
    let bot: RunningBot;
    let dataDir: string;
    let signed: SignedChannel;
    const start = (extra: Record<string, string> = {}) =>
        startBot(
            loadConfig({
                PORT: '0',
                STORAGE: 'file',
                DATA_DIR: dataDir,
                LOG_LEVEL: 'silent',
                ...credentials,
                HANDOFF_AGENT_IDS: `aad:${tenant}/${agentObjectId}, aad:${tenant}/${secondAgentObjectId}`,
                ...extra
            })
        );
    const sayRaw = (party: Party, text: string, extra = {}) => send(bot.url, channel.url, party, text, extra, signed.authorization(channel.url));
    const say = (party: Party, text: string) => sayRaw(party, text).then(readable);

    /** The label agents see for the case of a customer in the queue. */
    const labelOf = async (party: Party) => {
        const entry = (await bot.desk.read()).waiting.find((w) => w.customer.conversation?.id === party.conversationId);
        if (!entry) throw new Error(`${party.conversationId} is not in the queue`);
        return caseLabel(entry.caseId);
    };

    before(() => {
        signed = fakeChannelService();
    });
    after(() => signed.restore());

    beforeEach(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'handoff-'));
        channel = await startChannelStandIn();
        bot = await start();
    });
    afterEach(async () => {
        await bot.stop(1000);
        await channel.close();
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('queues the customer, the agent accepts, messages go both ways, and the end brings the bot back', async () => {
        expect(await say(agent, 'queue')).to.include(h.agentQueueEmpty);

        const raw = await sayRaw(customer, 'i want to talk to a real person');
        expect(readable(raw)).to.include(replies.handoffStarted).and.include(fillTemplate(h.queued, { position: 1 }));
        const initiate = raw.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
        expect(initiate, 'the standard handoff.initiate event for agent platforms').to.exist;
        const { caseId } = initiate!.value as { caseId: string };
        const label = caseLabel(caseId);
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentNewCustomer, { summary: 'Not identified', case: label }));

        const queue = await say(agent, 'queue');
        expect(queue).to.include(h.agentQueueHeading).and.include(`accept ${label}`);

        const accepted = await say(agent, 'accept');
        // The case card quotes what the customer wrote (escaped as inside the card's JSON).
        expect(accepted).to.include(fillTemplate(h.agentConnected, { case: label })).and.include(JSON.stringify('"i want to talk to a real person"').slice(1, -1));
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentJoined, { agent: 'Sam' }));

        expect(await sayRaw(customer, 'hi, my app still will not connect')).to.deep.equal([]);
        await channel.waitFor(agent.conversationId, 'hi, my app still will not connect');

        expect(await sayRaw(agent, 'Sorry to hear that. Which phone do you use?')).to.deep.equal([]);
        await channel.waitFor(customer.conversationId, 'Sorry to hear that. Which phone do you use?');

        expect(await say(agent, 'end')).to.include(h.agentEnded);
        await channel.waitFor(customer.conversationId, h.chatEnded);
        await channel.waitFor(customer.conversationId, replies.feedbackPrompt);
        expect(await say(customer, '👍')).to.include(replies.feedbackThanks);
        // The bot answers the customer again.
        expect(await say(customer, 'hello')).to.include(replies.greeting);
    });

    it('the summary the agent gets has the symptom, answers, steps and outcomes, without the typed code', async () => {
        await say(agent, 'queue'); // on duty
        for (const text of ['my code 4821 is not accepted', 'yes', 'not sure', 'No', 'No', 'No', 'No']) await say(customer, text);
        expect(await say(customer, 'Talk to an agent')).to.include(fillTemplate(h.queued, { position: 1 }));
        const accepted = await say(agent, 'accept');
        expect(accepted).to.include('Code not accepted').and.include('Re-enter the security code: No').and.include('Reset the app: No').and.include('stepsExhausted');
        expect(accepted).to.include('my code [redacted code] is not accepted').and.not.include('4821');
    });

    it('a waiting customer can leave the queue with "cancel", and others move up', async () => {
        await say(agent, 'queue'); // on duty
        await say(customer, 'talk to a person');
        expect(await say(secondCustomer, 'can i speak to a human agent')).to.include(fillTemplate(h.queued, { position: 2 }));
        expect(await say(customer, 'whatever, i will wait... actually no, still waiting?')).to.include(fillTemplate(h.stillWaiting, { position: 1 }));
        const left = (await bot.desk.read()).waiting[0]!.caseId;
        expect(await say(customer, 'cancel')).to.include(h.leftQueue);
        await channel.waitFor(secondCustomer.conversationId, fillTemplate(h.positionChanged, { position: 1 }));
        const queue = await say(agent, 'queue');
        expect(queue).to.include(`accept ${await labelOf(secondCustomer)}`).and.not.include(`accept ${caseLabel(left)}`);
    });

    it('accept names a case, never a position: the queue moving under the agent does not connect the wrong customer', async () => {
        const third: Party = { conversationId: 'third-customer', userId: 'person-3' };
        for (const party of [customer, secondCustomer, third]) await say(party, 'talk to a person');
        const [first, second, thirdLabel] = [await labelOf(customer), await labelOf(secondCustomer), await labelOf(third)];
        const queue = await say(agent, 'queue');
        for (const label of [first, second, thirdLabel]) expect(queue).to.include(`accept ${label}`);

        // Rita takes the first customer while Sam reads the queue; Sam's "second" is still the second customer.
        expect(await say(secondAgent, `accept ${first}`)).to.include(fillTemplate(h.agentConnected, { case: first }));
        expect(await say(agent, `accept ${second.toLowerCase()}`)).to.include(fillTemplate(h.agentConnected, { case: second }));
        const desk = await bot.desk.read();
        expect(desk.connections.find((c) => c.agentId.endsWith(agentObjectId))!.customer.conversation!.id).to.equal(secondCustomer.conversationId);
        expect(desk.waiting.map((w) => w.customer.conversation!.id)).to.deep.equal([third.conversationId]);
    });

    it('the button on a new-customer card takes that customer, and a button for a case that is gone says so', async () => {
        await say(agent, 'queue'); // agents are notified once the bot has heard from them
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentNewCustomer, { summary: 'Not identified', case: label }));
        expect(channel.textsFor(agent.conversationId), 'the card button posts the case, not a bare accept').to.include(`"answer":"accept ${label}"`);
        await say(secondCustomer, 'talk to a person');

        expect(await say(customer, 'cancel')).to.include(h.leftQueue);
        // The old card's button, pressed after the customer left: the second customer is not taken instead.
        expect(await say(agent, `accept ${label}`)).to.include(fillTemplate(h.agentCaseNotWaiting, { case: label }));
        expect((await bot.desk.read()).connections).to.have.length(0);
    });

    it('two agents accepting one case at the same moment: exactly one gets it, the other is told who did', async () => {
        for (let round = 0; round < 3; round++) {
            const party: Party = { conversationId: `race-customer-${round}`, userId: `racer-${round}` };
            await say(party, 'talk to a person');
            const label = await labelOf(party);
            const replies = await Promise.all([say(agent, `accept ${label}`), say(secondAgent, `accept ${label}`)]);
            const winners = replies.filter((r) => r.includes(fillTemplate(h.agentConnected, { case: label })));
            expect(winners, `round ${round}: ${replies.join(' | ')}`).to.have.length(1);
            const loser = replies.find((r) => !winners.includes(r))!;
            const winnerName = winners[0] === replies[0] ? 'Sam' : 'Rita';
            expect(loser).to.include(fillTemplate(h.agentCaseTaken, { agent: winnerName, case: label }));
            const desk = await bot.desk.read();
            expect(desk.connections.filter((c) => c.customer.conversation!.id === party.conversationId)).to.have.length(1);
            for (const a of [agent, secondAgent]) await say(a, 'end');
        }
    });

    it('an agent ends a chat saying how it ended; a bare end asks; the dispositions are recorded and counted by npm run report', async () => {
        await say(agent, 'queue'); // on duty
        const d = (id: string) => deskData.dispositions.find((x) => x.id === id)!;
        await say(customer, 'talk to a person');
        const first = await labelOf(customer);
        const accepted = await sayRaw(agent, 'accept');
        // The End chat button on the case card opens one button per disposition.
        type Action = { title: string; card?: { actions: { data: { answer: string } }[] } };
        const actions = accepted.flatMap((a) => a.attachments ?? []).flatMap((x) => (x.content as { actions?: Action[] }).actions ?? []);
        const endAction = actions.find((a) => a.title === h.agentCard.endButton)!;
        expect(endAction.card!.actions.map((a) => a.data.answer)).to.deep.equal(deskData.dispositions.map((x) => `end ${x.id}`));

        // An unknown disposition ends nothing and lists the ones there are.
        expect(await say(agent, 'end fixed')).to.include(fillTemplate(h.agentUnknownDisposition, { typed: 'fixed', dispositions: '"resolved", "workaround", "escalated-to-bmw", "no-response", "duplicate", "other"' }));
        expect((await bot.desk.read()).connections).to.have.length(1);
        expect(await say(agent, 'end resolved')).to.include(fillTemplate(h.agentEndedAs, { disposition: d('resolved').label }));
        await channel.waitFor(customer.conversationId, h.chatEnded);

        // A bare end ends the chat and asks; the answer afterwards is recorded for that case.
        await say(secondCustomer, 'talk to a person');
        const second = await labelOf(secondCustomer);
        await say(agent, 'accept');
        const bare = await say(agent, 'end');
        const asked = fillTemplate(h.agentEndedAskDisposition, { case: second, dispositions: '"resolved", "workaround", "escalated-to-bmw", "no-response", "duplicate", "other"' });
        expect(bare).to.include(h.agentEnded).and.include(JSON.stringify(asked).slice(1, -1));
        expect(bare, 'the buttons name the case they are for').to.include(`"answer":"end workaround ${second}"`);
        expect(await say(agent, 'end workaround')).to.include(fillTemplate(h.agentDispositionRecorded, { case: second, disposition: d('workaround').label }));
        expect(await say(agent, 'end other'), 'said once per chat').to.include(h.agentNotConnected);

        const records = (await bot.feedback.readAll()).filter((r) => r.kind === 'disposition');
        const agentKey = `aad:${tenant}/${agentObjectId}`;
        expect(records.map((r) => [caseLabel(r.caseId), r.agent, r.disposition])).to.deep.equal([[first, agentKey, 'resolved'], [second, agentKey, 'workaround']]);
        expect(records.every((r) => Date.now() - Date.parse(r.at) < 60_000)).to.equal(true);

        let out = '';
        const code = await runReport([], { out: (t) => (out += t), err: () => undefined, env: { DATA_DIR: dataDir } });
        expect(code).to.equal(0);
        expect(out).to.include('Live chats by how the agent ended them').and.match(/Resolved \(resolved\)\s+1\n/).and.match(/Workaround given \(workaround\)\s+1\n/);
        expect(out).to.match(/Escalated to BMW \(escalated-to-bmw\)\s+0\n/);
    });

    it('transfer hands a live chat to another agent with what was said, tells the customer, frees the first agent, and survives restarts', async () => {
        await say(agent, 'queue'); // on duty
        await say(secondAgent, 'away');
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await say(agent, 'accept');
        await sayRaw(customer, 'the code 4821 is refused every time');
        await channel.waitFor(agent.conversationId, 'the code [redacted code] is refused');
        await sayRaw(agent, 'Which phone do you use?');
        await sayRaw(customer, 'an iPhone 13');

        expect(await say(agent, 'transfer Rita')).to.include(fillTemplate(h.agentTransferAway, { agent: 'Rita', case: label }));
        expect(await say(agent, 'transfer Bob')).to.include(fillTemplate(h.agentTransferNoSuchAgent, { agent: 'Bob', agents: h.agentNobodyAvailable }));
        await say(secondAgent, 'available');
        expect(await say(agent, 'transfer')).to.include(fillTemplate(h.agentTransferWho, { agents: 'Rita' }));

        // The chat so far is in the desk document, which is what a restart keeps.
        await bot.stop(1000);
        bot = await start();
        expect(await say(agent, 'transfer rita')).to.include(fillTemplate(h.agentTransferred, { case: label, agent: 'Rita' }));
        await channel.waitFor(secondAgent.conversationId, fillTemplate(h.agentTransferReceived, { agent: 'Sam', case: label }));
        const card = channel.textsFor(secondAgent.conversationId);
        expect(card).to.include(h.agentCard.saidHeading).and.include(`${h.agentCard.customer}: the code [redacted code] is refused every time`);
        expect(card).to.include('Sam: Which phone do you use?').and.include(`${h.agentCard.customer}: an iPhone 13`).and.not.include('4821');
        await channel.waitFor(customer.conversationId, fillTemplate(h.customerTransferred, { agent: 'Rita' }));
        expect(await say(agent, 'hello?'), 'the first agent is free').to.include(h.agentNotConnected);

        await bot.stop(1000);
        bot = await start();
        const connection = (await bot.desk.read()).connections[0]!;
        expect(connection.agentId).to.equal(`aad:${tenant}/${secondAgentObjectId}`);
        expect(connection.said.map((l) => l.text)).to.deep.equal(['the code [redacted code] is refused every time', 'Which phone do you use?', 'an iPhone 13']);
        expect(await sayRaw(customer, 'are you there?')).to.deep.equal([]);
        await channel.waitFor(secondAgent.conversationId, 'are you there?');
        await sayRaw(secondAgent, 'Yes, I have your case.');
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentSays, { agent: 'Rita', text: 'Yes, I have your case.' }));

        // An agent at their chat limit cannot be handed another.
        await say(secondCustomer, 'talk to a person');
        const second = await labelOf(secondCustomer);
        await say(agent, 'accept');
        expect(await say(agent, 'transfer Rita')).to.include(fillTemplate(h.agentTransferBusy, { agent: 'Rita', case: second }));
    });

    it('an internal note stays with the case for agents, goes with a transfer, and never reaches the customer', async () => {
        await say(secondAgent, 'available');
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await say(agent, 'accept');
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentJoined, { agent: 'Sam' }));
        const before = channel.received.filter((a) => a.conversation?.id === customer.conversationId).length;
        const note = 'Customer sounds upset; their dealer already reset the car once.';
        expect(await say(agent, `note ${note}`)).to.include(fillTemplate(h.agentNoteKept, { case: label }));
        expect(await say(agent, 'transfer Rita')).to.include(fillTemplate(h.agentTransferred, { case: label, agent: 'Rita' }));
        await channel.waitFor(secondAgent.conversationId, fillTemplate(h.agentTransferReceived, { agent: 'Sam', case: label }));
        expect(channel.textsFor(secondAgent.conversationId)).to.include(h.agentCard.notesHeading).and.include(`Sam: ${note}`);
        await channel.waitFor(customer.conversationId, fillTemplate(h.customerTransferred, { agent: 'Rita' }));
        const toCustomer = channel.received.filter((a) => a.conversation?.id === customer.conversationId).slice(before);
        expect(toCustomer.map((a) => a.text), 'only the transfer reached the customer').to.deep.equal([fillTemplate(h.customerTransferred, { agent: 'Rita' })]);
        expect(JSON.stringify(channel.received.filter((a) => a.conversation?.id === customer.conversationId))).not.to.include('upset');
        expect(await say(agent, 'note too late')).to.include(h.agentNotConnected);
    });

    it('canned responses from knowledge/desk.yaml are listed in help and sent with /<id> or canned <id>, under the agent\'s name', async () => {
        const [first, second] = deskData.canned;
        const help = await say(agent, 'help');
        expect(help).to.include(h.agentCannedHeading).and.include(fillTemplate(h.agentCannedLine, { command: `/${first!.id}`, title: first!.title }));
        expect(await say(agent, `/${first!.id}`), 'only in a live chat').to.include(h.agentNotConnected);
        await say(customer, 'talk to a person');
        await say(agent, 'accept');
        expect(await sayRaw(agent, `/${first!.id}`)).to.deep.equal([]);
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentSays, { agent: 'Sam', text: first!.text }));
        expect(await sayRaw(agent, `canned ${second!.id.toUpperCase()}`)).to.deep.equal([]);
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentSays, { agent: 'Sam', text: second!.text }));
        const unknown = await say(agent, '/shrug');
        expect(unknown).to.include(fillTemplate(h.agentNoSuchCanned, { typed: 'shrug', ids: deskData.canned.map((c) => `/${c.id}`).join(', ') }));
        expect(channel.textsFor(customer.conversationId)).not.to.include('shrug');
        expect((await bot.desk.read()).connections[0]!.said.map((l) => l.text)).to.deep.equal([first!.text, second!.text]);
    });

    it('a customer who types the desk commands gets none of them: no transfer, note, canned response or disposition', async () => {
        await say(agent, 'queue'); // on duty
        await say(customer, 'talk to a person');
        await say(agent, 'accept');
        await say(secondAgent, 'available');
        const records = async () => (await bot.feedback.readAll()).filter((r) => r.kind === 'disposition');
        for (const text of ['transfer Rita', 'note please treat me first', `/${deskData.canned[0]!.id}`, 'canned reset-app', 'end resolved']) {
            const reply = await say(secondCustomer, text);
            for (const desk of [h.agentTransferred, h.agentNoteKept.split('{')[0]!, h.agentDispositionRecorded.split('{')[0]!, h.agentCannedHeading]) expect(reply).not.to.include(desk);
            expect(reply).not.to.include(deskData.canned[0]!.text);
            // The customer in the live chat may type them too: their words go to their agent, as words.
            expect(await sayRaw(customer, text)).to.deep.equal([]);
            await channel.waitFor(agent.conversationId, text);
        }
        const desk = await bot.desk.read();
        expect(desk.connections.map((c) => [c.agentId, c.notes.length])).to.deep.equal([[`aad:${tenant}/${agentObjectId}`, 0]]);
        expect(await records()).to.deep.equal([]);
        expect(channel.textsFor(secondAgent.conversationId), 'no case was handed to Rita').not.to.include(h.agentCard.saidHeading);
        expect(channel.textsFor(customer.conversationId)).not.to.include(deskData.canned[0]!.text);
    });

    it('with HANDOFF_MAX_CHATS=2 an agent takes two chats: words go to the current one, to <case> switches, customers\' words carry their case', async () => {
        await bot.stop(1000);
        bot = await start({ HANDOFF_MAX_CHATS: '2' });
        const third: Party = { conversationId: 'third-customer', userId: 'person-3' };
        await say(agent, 'available');
        await say(customer, 'talk to a person');
        const a = await labelOf(customer);
        await say(agent, `accept ${a}`);
        await say(secondCustomer, 'talk to a person');
        const b = await labelOf(secondCustomer);
        // Under the limit, the agent is still told about new customers.
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentNewCustomer, { summary: 'Not identified', case: b }));
        expect(await say(agent, `accept ${b}`)).to.include(fillTemplate(h.agentConnected, { case: b }));
        await say(third, 'talk to a person');
        expect(channel.textsFor(agent.conversationId), 'at the limit, no notice').not.to.include(await labelOf(third));
        expect(await say(agent, 'accept')).to.include(h.agentAlreadyConnected);

        await sayRaw(customer, 'still there?');
        await channel.waitFor(agent.conversationId, fillTemplate(h.customerSaysInCase, { case: a, text: 'still there?' }));
        await sayRaw(secondCustomer, 'hello');
        await channel.waitFor(agent.conversationId, fillTemplate(h.customerSaysInCase, { case: b, text: 'hello' }));

        await sayRaw(agent, 'Hi, this is for the last one I accepted.');
        await channel.waitFor(secondCustomer.conversationId, 'Hi, this is for the last one I accepted.');
        expect(await say(agent, `to ${a.toLowerCase()}`)).to.include(fillTemplate(h.agentSwitched, { case: a }));
        await sayRaw(agent, 'Yes, I am here.');
        await channel.waitFor(customer.conversationId, 'Yes, I am here.');
        expect(channel.textsFor(secondCustomer.conversationId)).not.to.include('Yes, I am here.');
        expect(await say(agent, `to ${await labelOf(third)}`)).to.include(fillTemplate(h.agentNotYourChat, { case: await labelOf(third) }));

        // end ends the current chat only; the words then go to the one left.
        expect(await say(agent, 'end resolved')).to.include(fillTemplate(h.agentEndedAs, { disposition: deskData.dispositions[0]!.label }));
        await channel.waitFor(customer.conversationId, h.chatEnded);
        expect((await bot.desk.read()).connections.map((c) => caseLabel(c.caseId))).to.deep.equal([b]);
        await sayRaw(agent, 'Back to you.');
        await channel.waitFor(secondCustomer.conversationId, 'Back to you.');
        // With one chat left, a customer's words come without their case, and "to Munich" is words.
        await sayRaw(secondCustomer, 'ok');
        await channel.waitFor(agent.conversationId, 'ok');
        expect(channel.received.filter((x) => x.conversation?.id === agent.conversationId).at(-1)?.text).to.equal('ok');
        await sayRaw(agent, 'to Munich');
        await channel.waitFor(secondCustomer.conversationId, 'to Munich');
    });

    it('a customer waiting past HANDOFF_SLA_MINUTES sets off one alert per case to available agents, naming the case and the wait', async () => {
        await bot.stop(1000);
        bot = await start({ HANDOFF_SLA_MINUTES: '0.002' });
        await say(agent, 'away');
        await say(secondAgent, 'available');
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        expect(await bot.desk.checkTimeouts(), 'not late yet').to.equal(0);
        await new Promise((r) => setTimeout(r, 250));
        expect(await bot.desk.checkTimeouts()).to.equal(1);
        const alert = fillTemplate(h.agentSlaAlert, { case: label, minutes: '0', summary: 'Not identified' });
        await channel.waitFor(secondAgent.conversationId, alert);
        expect(channel.textsFor(secondAgent.conversationId)).to.include(`"answer":"accept ${label}"`);
        expect(channel.textsFor(agent.conversationId), 'an agent who is away is not alerted').not.to.include(label);

        // Once per case, restarts included.
        expect(await bot.desk.checkTimeouts()).to.equal(0);
        await bot.stop(1000);
        bot = await start({ HANDOFF_SLA_MINUTES: '0.002' });
        expect(await bot.desk.checkTimeouts()).to.equal(0);
        const alerts = channel.received.filter((a) => a.conversation?.id === secondAgent.conversationId && JSON.stringify(a.attachments ?? []).includes(alert));
        expect(alerts).to.have.length(1);
    });

    it('a customer in a live chat can leave it in their own words or with the End chat button, and the agent is told', async () => {
        for (const [party, goodbye] of [[customer, 'sorry, bye, I have to go'], [secondCustomer, 'End chat']] as const) {
            await say(party, 'talk to a person');
            const label = await labelOf(party);
            expect(await say(agent, `accept ${label}`)).to.include(fillTemplate(h.agentConnected, { case: label }));
            await channel.waitFor(party.conversationId, fillTemplate(h.agentJoined, { agent: 'Sam' }));
            const joined = channel.received.find((a) => a.conversation?.id === party.conversationId && a.text?.includes('has joined'));
            expect(joined?.suggestedActions?.actions.map((a) => a.title), 'a button to leave').to.deep.equal([h.customerEndChatButton]);

            const reply = await say(party, goodbye);
            expect(reply).to.include(h.customerLeftChat).and.include(replies.feedbackPrompt);
            await channel.waitFor(agent.conversationId, goodbye);
            await channel.waitFor(agent.conversationId, fillTemplate(h.agentCustomerLeftChat, { case: label }));
            expect((await bot.desk.read()).connections).to.have.length(0);
            expect(await say(party, 'hello')).to.include(replies.greeting);
        }
    });

    it('a live chat nobody writes in for HANDOFF_IDLE_MINUTES is closed, and both sides are told', async () => {
        await bot.stop(1000);
        bot = await start({ HANDOFF_IDLE_MINUTES: '0.002' });
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await say(agent, 'accept');
        await say(customer, 'hello? are you there?');
        await new Promise((r) => setTimeout(r, 200));
        expect(await bot.desk.checkTimeouts()).to.equal(1);
        await channel.waitFor(customer.conversationId, fillTemplate(h.chatIdleClosed, { minutes: '0.002' }));
        await channel.waitFor(customer.conversationId, replies.feedbackPrompt);
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentChatIdleClosed, { case: label, minutes: '0.002' }));
        expect((await bot.desk.read()).connections).to.have.length(0);
        expect(await say(agent, 'hi')).to.include(h.agentNotConnected);
    });

    it('an agent who is away is not told about new customers; available agents are, and hear when a waiting customer leaves', async () => {
        expect(await say(agent, 'away')).to.include(h.agentAway);
        expect(await say(secondAgent, 'available')).to.include(h.agentAvailable);
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await channel.waitFor(secondAgent.conversationId, fillTemplate(h.agentNewCustomer, { summary: 'Not identified', case: label }));
        expect(await say(customer, 'cancel')).to.include(h.leftQueue);
        await channel.waitFor(secondAgent.conversationId, fillTemplate(h.agentCustomerLeft, { case: label }));

        expect(await say(agent, 'available')).to.include(h.agentAvailable);
        await say(secondCustomer, 'talk to a person');
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentNewCustomer, { summary: 'Not identified', case: await labelOf(secondCustomer) }));
        expect(channel.textsFor(agent.conversationId), 'nothing reached the agent while away').not.to.include(label);
    });

    it('an agent the bot has never heard from is shown who is waiting the first time they write', async () => {
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        const first = await say(agent, 'hi, I just started my shift');
        expect(first).to.include(h.agentQueueHeading).and.include(`accept ${label}`);
        expect(await say(agent, 'hello again')).not.to.include(h.agentQueueHeading);
    });

    it('/metrics shows the queue depth and the agents by status', async () => {
        await say(agent, 'away');
        await say(secondAgent, 'queue');
        await say(customer, 'talk to a person');
        await say(secondCustomer, 'talk to a person');
        const scrape = async () => (await fetch(`${bot.url}/metrics`)).text();
        let text = await scrape();
        expect(text).to.include('bot_handoff_customers{state="waiting"} 2').and.include('bot_handoff_agents{status="away"} 1');
        expect(text).to.include('bot_handoff_agents{status="available"} 1').and.include('bot_handoff_agents{status="inChat"} 0');
        await say(secondAgent, 'accept');
        text = await scrape();
        expect(text).to.include('bot_handoff_customers{state="waiting"} 1').and.include('bot_handoff_agents{status="inChat"} 1');
    });

    it('a German customer is served in German and relayed unchanged, while the agent works in English and is told the language', async () => {
        const de = loadKnowledgeBase().de.replies;
        await say(agent, 'queue'); // on duty
        await say(customer, 'Meine BMW App verbindet sich nicht mehr mit dem Auto');
        const queued = await say(customer, 'ich möchte mit einem Mitarbeiter sprechen');
        expect(queued).to.include(de.handoffStarted).and.include(fillTemplate(de.handoff.queued, { position: 1 }));
        const label = await labelOf(customer);
        const accepted = await say(agent, `accept ${label}`);
        expect(accepted).to.include(fillTemplate(h.agentConnected, { case: label }));
        expect(accepted, 'the card is English and names the language').to.include(`"title":"${h.agentCard.language}","value":"${h.agentCard.languageNames.de}"`);
        expect(accepted, 'the problem in the agent\'s words').to.include('App not connecting');
        await channel.waitFor(customer.conversationId, fillTemplate(de.handoff.agentJoined, { agent: 'Sam' }));
        const joined = channel.received.find((a) => a.conversation?.id === customer.conversationId && a.text === fillTemplate(de.handoff.agentJoined, { agent: 'Sam' }));
        expect(joined?.suggestedActions?.actions.map((a) => a.title)).to.deep.equal([de.handoff.customerEndChatButton]);

        await sayRaw(customer, 'Hallo, mein Handy ist ein Pixel 8, die Verbindung bricht ständig ab');
        await channel.waitFor(agent.conversationId, 'Hallo, mein Handy ist ein Pixel 8, die Verbindung bricht ständig ab');
        await sayRaw(agent, 'Danke! Bitte trennen Sie Bluetooth einmal.');
        await channel.waitFor(customer.conversationId, fillTemplate(de.handoff.agentSays, { agent: 'Sam', text: 'Danke! Bitte trennen Sie Bluetooth einmal.' }));

        expect(await say(customer, de.handoff.customerEndChatButton)).to.include(de.handoff.customerLeftChat);
        await channel.waitFor(agent.conversationId, fillTemplate(h.agentCustomerLeftChat, { case: label }));
    });

    it('the words of the agent reach the customer under the name of the agent, and typing shows on both sides', async () => {
        await say(customer, 'talk to a person');
        await say(agent, 'accept');
        await sayRaw(agent, 'Which phone do you use?');
        await channel.waitFor(customer.conversationId, fillTemplate(h.agentSays, { agent: 'Sam', text: 'Which phone do you use?' }));
        const relayed = channel.received.find((a) => a.conversation?.id === customer.conversationId && a.text?.includes('Which phone'));
        expect(relayed?.from?.name, 'Web Chat shows from.name').to.equal('Sam');

        const typingFor = (party: Party) => channel.received.filter((a) => a.conversation?.id === party.conversationId && a.type === 'typing').length;
        expect(await sayRaw(customer, '', { type: 'typing' })).to.deep.equal([]);
        expect(await sayRaw(agent, '', { type: 'typing' })).to.deep.equal([]);
        const until = Date.now() + 3000;
        while ((typingFor(agent) === 0 || typingFor(customer) === 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect([typingFor(agent), typingFor(customer)]).to.deep.equal([1, 1]);
    });

    it('an inline picture passes both ways; a linked file does not, and both sides are told instead of it vanishing', async () => {
        const picture = { contentType: 'image/png', contentUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==' };
        const linked = { contentType: 'application/pdf', contentUrl: 'https://files.example/invoice.pdf', name: 'invoice.pdf' };
        await say(customer, 'talk to a person');
        await say(agent, 'accept');
        const withPicture = (party: Party) =>
            channel.received.find((a) => a.conversation?.id === party.conversationId && a.attachments?.[0]?.contentUrl === picture.contentUrl);

        expect(await sayRaw(customer, '', { attachments: [picture] })).to.deep.equal([]);
        expect(await sayRaw(agent, '', { attachments: [picture] })).to.deep.equal([]);
        const until = Date.now() + 3000;
        while ((!withPicture(agent) || !withPicture(customer)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(withPicture(agent), 'the customer\'s picture reached the agent').to.exist;
        expect(withPicture(customer)?.text, 'no empty bubble of text beside the agent\'s picture').to.equal(undefined);

        expect(await say(customer, 'here is my invoice')).to.equal('');
        expect(readable(await sayRaw(customer, '', { attachments: [linked] }))).to.include(h.attachmentNotPassedOn);
        await channel.waitFor(agent.conversationId, h.customerAttachmentNotShown);
        expect(readable(await sayRaw(agent, 'see this', { attachments: [linked] }))).to.include(h.attachmentNotPassedOn);
        await channel.waitFor(customer.conversationId, h.agentAttachmentNotShown);
        expect(JSON.stringify(channel.received), 'the link never reaches the other side').not.to.include('files.example');
    });

    it('the case card names the customer, case, language and times, marks a problem never confirmed, and shows each reply after its question', async () => {
        await say(agent, 'queue');
        const paula: Party = { conversationId: 'paula-conversation', userId: 'person-paula', name: 'Paula [Example](https://evil.example)' };
        await sayRaw(paula, 'the bmw app will not connect to my car', { locale: 'de-DE' });
        await sayRaw(paula, 'just get me a human please', { locale: 'de-DE' });
        const label = await labelOf(paula);
        const card = h.agentCard;
        const notice = channel.textsFor(agent.conversationId);
        expect(notice).to.include(fillTemplate(h.agentNewCustomer, { summary: `App not connecting ${card.notConfirmed}`, case: label }));
        const raw = await sayRaw(agent, `accept ${label}`);
        const accepted = readable(raw);
        expect(accepted).to.include(fillTemplate(card.title, { case: label, problem: `App not connecting ${card.notConfirmed}` }));
        // She wrote English from a German browser: the language spoken, with the locale beside it.
        expect(accepted).to.include(`"title":"${card.language}","value":"${card.languageNames.en} (de-DE)"`).and.include(`"title":"${card.opened}"`).and.include(`"title":"${card.waited}"`);
        expect(accepted, 'the name as typed text, without the link').to.include(`${card.customer}: Paula Example https evil.example`);
        const asked = accepted.indexOf(card.asked.confirmSymptom!);
        expect(asked, 'the question before the reply').to.be.greaterThan(0);
        expect(accepted.indexOf('just get me a human please')).to.be.greaterThan(asked);
        expect(accepted).not.to.match(/app_not_connecting \d/);
    });

    it('with agents listed but none on duty (none has written, or all are away), no transfer is announced: the customer may leave a message', async () => {
        const reply = await say(customer, 'talk to a person');
        expect(reply).to.include(h.nobodyOnDuty).and.not.include(replies.handoffStarted);
        expect((await bot.desk.read()).waiting.map((w) => w.state)).to.deep.equal(['leavingMessage']);
        expect(await say(customer, 'please call me tomorrow')).to.include(h.messageLeft);

        await say(agent, 'away');
        const later = await say(secondCustomer, 'can i speak to a human');
        expect(later).to.include(h.nobodyOnDuty).and.not.include(replies.handoffStarted);
        await say(secondAgent, 'available');
        const third: Party = { conversationId: 'third-customer', userId: 'person-3' };
        expect(await say(third, 'talk to a person')).to.include(replies.handoffStarted).and.include(fillTemplate(h.queued, { position: 1 }));
    });

    it('a chat that ended without a disposition keeps waiting for its own, while the agent ends the next one with another', async () => {
        await say(agent, 'queue'); // on duty
        await say(customer, 'talk to a person');
        const first = await labelOf(customer);
        await say(agent, 'accept');
        expect(await say(customer, 'thanks, bye')).to.include(h.customerLeftChat);
        await say(secondCustomer, 'talk to a person');
        const second = await labelOf(secondCustomer);
        await say(agent, 'accept');
        const ended = await say(agent, 'end resolved');
        expect(ended).to.include(fillTemplate(h.agentEndedAs, { disposition: deskData.dispositions.find((x) => x.id === 'resolved')!.label }));
        // The first chat's question is still open: its button (with its case) records it.
        expect(await say(agent, `end no-response ${first}`)).to.include(fillTemplate(h.agentDispositionRecorded, { case: first, disposition: deskData.dispositions.find((x) => x.id === 'no-response')!.label }));
        const records = (await bot.feedback.readAll()).filter((r) => r.kind === 'disposition');
        expect(records.map((r) => [caseLabel(r.caseId), r.disposition])).to.deep.equal([[second, 'resolved'], [first, 'no-response']]);
        expect((await bot.desk.read()).wrapUp).to.deep.equal({ [`aad:${tenant}/${agentObjectId}`]: [] });
    });

    it('a waiting customer who says bye leaves the queue', async () => {
        await say(agent, 'queue'); // on duty
        await say(customer, 'talk to a person');
        expect(await say(customer, 'ok never mind, thanks bye')).to.include(h.leftQueue);
        expect((await bot.desk.read()).waiting).to.have.length(0);
    });

    it('someone not listed as an agent cannot use the agent commands', async () => {
        await say(customer, 'talk to a person');
        const reply = await say(secondCustomer, 'queue');
        expect(reply).not.to.include(h.agentQueueHeading);
        expect(reply).not.to.include(`accept ${await labelOf(customer)}`);
        expect(await say(secondCustomer, `accept ${await labelOf(customer)}`)).not.to.include(h.agentConnected);
        expect((await bot.desk.read()).connections).to.have.length(0);
    });

    it('when nobody accepts in time, the customer leaves messages that agents are told of, answer into the chat, and mark done', async () => {
        await bot.stop(1000);
        bot = await start({ HANDOFF_TIMEOUT_MINUTES: '0.001' });
        await say(secondAgent, 'available');
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await new Promise((r) => setTimeout(r, 100));
        expect(await bot.desk.checkTimeouts()).to.be.greaterThan(0);
        await channel.waitFor(customer.conversationId, h.offerMessageTimeout);
        expect(await say(customer, 'please call me back, the app keeps failing')).to.include(h.messageLeft);
        await channel.waitFor(secondAgent.conversationId, h.agentMessageLeftHeading);
        // A follow-up goes with the message, and a callback number reaches the agent.
        expect(await say(customer, 'my number is +49 171 2345678, after 5pm')).to.include(h.messageAdded);
        expect((await bot.desk.read()).waiting.map((w) => w.state)).to.deep.equal(['messageLeft']);
        expect(await say(agent, 'queue')).to.include(h.agentQueueEmpty);

        const messages = await say(agent, 'messages');
        expect(messages).to.include(h.agentMessagesHeading).and.include('please call me back, the app keeps failing');
        expect(messages).to.include('my number is +49 171 2345678, after 5pm').and.include(`"answer":"done ${label}"`);

        expect(await say(agent, `reply ${label} Hi, I'll call you at 5:30 today.`)).to.include(fillTemplate(h.agentReplySent, { case: label }));
        await channel.waitFor(customer.conversationId, fillTemplate(h.customerMessageAnswered, { agent: 'Sam', text: "Hi, I'll call you at 5:30 today." }));
        expect(await say(agent, 'messages')).to.include(fillTemplate(h.agentCard.answerLine, { agent: 'Sam', text: "Hi, I'll call you at 5:30 today." }));

        expect(await say(customer, 'great, thanks, bye')).to.include(h.messageClosed);
        expect(await say(customer, 'hello')).to.include(replies.greeting);

        expect(await say(secondAgent, `done ${label.toLowerCase()}`)).to.include(fillTemplate(h.agentMessageDone, { case: label }));
        expect(await say(agent, 'messages')).to.include(h.agentMessagesEmpty);
        expect(await say(agent, `done ${label}`)).to.include(fillTemplate(h.agentNoSuchMessage, { case: label }));
        expect((await bot.desk.leftMessages())[0]!.done?.by).to.equal('Rita');
    });

    it('an answer to a left message that the channel cannot deliver is kept, and the agent is told so', async () => {
        await bot.stop(1000);
        bot = await start({ HANDOFF_TIMEOUT_MINUTES: '0.001' });
        await say(customer, 'talk to a person');
        const label = await labelOf(customer);
        await new Promise((r) => setTimeout(r, 100));
        await bot.desk.checkTimeouts();
        await say(customer, 'please email me');
        channel.refuse(customer.conversationId);
        expect(await say(agent, `reply ${label} Sent you an email.`)).to.include(fillTemplate(h.agentReplyNotDelivered, { case: label }));
        const [answer] = (await bot.desk.leftMessages())[0]!.answers;
        expect(answer).to.include({ agent: 'Sam', text: 'Sent you an email.', delivered: false });
        expect(await say(agent, 'messages')).to.include(h.agentCard.notDelivered);
    });

    it('an agent in a live chat who types "reply soon" or "done with that" is talking to the customer', async () => {
        await say(customer, 'talk to a person');
        await say(agent, 'accept');
        for (const text of ['reply soon, checking something', 'done with that, next question']) {
            expect(await sayRaw(agent, text)).to.deep.equal([]);
            await channel.waitFor(customer.conversationId, text);
        }
    });

    it('outside HANDOFF_HOURS the customer is offered to leave a message straight away', async () => {
        await bot.stop(1000);
        const tomorrow = days[(new Date().getUTCDay() + 2) % 7]!;
        bot = await start({ HANDOFF_HOURS: `${tomorrow} 08:00-09:00 UTC` });
        expect(await say(customer, 'talk to a person')).to.include(fillTemplate(h.offerMessageClosed, { hours: `${tomorrow} 08:00-09:00 UTC` }));
        expect(await say(customer, 'my notifications stopped, please email me')).to.include(h.messageLeft);
    });

    it('a restart loses no waiting customer and no live connection', async () => {
        await say(agent, 'queue'); // on duty
        await say(customer, 'talk to a person');
        await say(secondCustomer, 'talk to a person');
        await say(agent, `accept ${await labelOf(secondCustomer)}`);
        const stillWaiting = await labelOf(customer);
        await bot.stop(1000);
        bot = await start();
        expect(await say(agent, 'queue')).to.include(`accept ${stillWaiting}`);
        expect(await sayRaw(secondCustomer, 'are you still there?')).to.deep.equal([]);
        await channel.waitFor(agent.conversationId, 'are you still there?');
        expect(await say(customer, 'hello?')).to.include(fillTemplate(h.stillWaiting, { position: 1 }));
    });

    it('handoff.status events from an agent platform are explained to the person', async () => {
        const event = (state: string) => sayRaw(customer, '', { type: 'event', name: 'handoff.status', value: { state } } as never).then(readable);
        expect(await event('accepted')).to.include(h.statusAccepted);
        expect(await event('failed')).to.include(h.statusFailed);
        expect(await event('completed')).to.include(h.statusCompleted);
    });
});
