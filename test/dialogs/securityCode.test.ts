// A person who types their code still gets help, is asked not to share it, and the code is
// nowhere: not in a reply, the case file, the stored state, the feedback or the handoff summary.
import { expect } from 'chai';
import { findSymptom } from '../../knowledge/lookup';
import { knowledgeAndClassifier, startConversation, visibleText } from './conversationHarness';

const { knowledge } = knowledgeAndClassifier();
const { replies } = knowledge;

describe('security codes typed into the chat', () => {
    it('warns, still helps with the problem, and never repeats the code', async () => {
        const c = startConversation();
        const reply = visibleText(await c.say('my code 4821 is not accepted'));
        expect(reply).to.include(replies.securityCodeWarning);
        expect(reply).to.include(findSymptom(knowledge, 'code_not_accepted').symptom.confirm);
        expect(reply).not.to.include('4821');
    });

    it('keeps the code out of state, feedback records and the handoff summary', async () => {
        const c = startConversation();
        for (const t of ['my code 4821 is not accepted', 'yes', 'i typed 4 8 2 1 again, not sure', 'my pin is a7x9k2 and it still fails']) await c.say(t);
        await c.say('talk to a person');
        const stored = JSON.stringify(await c.storage.read(['test/conversations/Convo1/', 'test/users/user1/']));
        const written = JSON.stringify([await c.feedback.readAll(), c.handoffs]);
        for (const secret of ['4821', '4 8 2 1', 'a7x9k2']) {
            expect(stored, 'stored state').not.to.include(secret);
            expect(written, 'feedback and handoff').not.to.include(secret);
        }
        expect(c.handoffs[0]?.firstMessage).to.equal('my code [redacted code] is not accepted');
    });

    it('never asks for the code: no reply requests it', async () => {
        const c = startConversation();
        const all: string[] = [];
        for (const t of ['my security code keeps getting rejected', 'yes', 'no', 'No', 'No', 'No', 'No']) all.push(visibleText(await c.say(t)));
        expect(all.join('\n')).not.to.match(/(what|tell me|enter|type|send)( is)? your (security )?code( here)?\?/i);
    });
});
