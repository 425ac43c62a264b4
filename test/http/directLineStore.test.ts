// The built-in Direct Line's memory limits, on a fake clock: token expiry, idle conversations,
// the conversation cap and the per-conversation activity cap.
import { expect } from 'chai';
import { defaultDirectLineLimits, DirectLineError, DirectLineStore } from '../../bot/directline/directLineStore';

function storeAt(limits: Partial<DirectLineStore['limits']> = {}) {
    let now = 1_000_000;
    const store = new DirectLineStore({ ...defaultDirectLineLimits, ...limits }, () => now);
    return { store, advance: (ms: number) => (now += ms) };
}

const refusal = (work: () => unknown) => {
    try {
        work();
    } catch (err) {
        if (err instanceof DirectLineError) return { status: err.status, code: err.code };
        throw err;
    }
    return undefined;
};

describe('Direct Line store', () => {
    it('expires tokens: 403 TokenExpired, while a refreshed token keeps working', () => {
        const { store, advance } = storeAt({ tokenSeconds: 60 });
        const { conversationId, token } = store.open('dl_user0001');
        advance(50_000);
        const fresh = store.refresh(token);
        advance(20_000);
        expect(refusal(() => store.authorize(conversationId, token))).to.deep.equal({ status: 403, code: 'TokenExpired' });
        expect(store.authorize(conversationId, fresh.token).id).to.equal(conversationId);
    });

    it('keeps the five newest tokens of a conversation', () => {
        const { store } = storeAt();
        const first = store.open('dl_user0001');
        const tokens = [first.token];
        for (let i = 0; i < 6; i++) tokens.push(store.refresh(tokens.at(-1)).token);
        expect(refusal(() => store.authorize(first.conversationId, tokens[0]))).to.deep.equal({ status: 403, code: 'BadToken' });
        for (const token of tokens.slice(-5)) expect(store.authorize(first.conversationId, token).id).to.equal(first.conversationId);
    });

    it('drops conversations idle for longer than the limit (404 after that)', () => {
        const { store, advance } = storeAt({ idleMinutes: 10, tokenSeconds: 3600 });
        const { conversationId, token } = store.open('dl_user0001');
        advance(11 * 60_000);
        store.sweep();
        expect(store.size).to.equal(0);
        expect(refusal(() => store.authorize(conversationId, token))).to.deep.equal({ status: 404, code: 'NotFound' });
    });

    // Rewritten for issue 13: a full store used to drop the idlest conversation whatever its age,
    // so a flood of token requests evicted conversations in use. It now drops one only once it is
    // out of use, and refuses the new conversation otherwise.
    it('keeps at most maxConversations, dropping the one idle the longest once it is out of use', () => {
        const { store, advance } = storeAt({ maxConversations: 2, activeSeconds: 300 });
        const first = store.open('dl_user0001');
        store.get(first.conversationId)!.started = true;
        advance(1000);
        const second = store.open('dl_user0002');
        store.get(second.conversationId)!.started = true;
        advance(1000);
        store.append(first.conversationId, { type: 'message', text: 'still here' });
        advance(300_000);
        store.open('dl_user0003');
        expect(store.size).to.equal(2);
        expect(store.get(first.conversationId)).to.not.equal(undefined);
        expect(store.get(second.conversationId)).to.equal(undefined);
    });

    it('refuses a new conversation (503 with Retry-After) when every conversation is in use', () => {
        const { store, advance } = storeAt({ maxConversations: 2, activeSeconds: 300 });
        const open = [store.open('dl_user0001'), store.open('dl_user0002')];
        for (const { conversationId } of open) store.get(conversationId)!.started = true;
        advance(100_000);
        store.activitiesAfter(open[0]!.conversationId, undefined); // a poll
        let refused: DirectLineError | undefined;
        try {
            store.open('dl_user0003');
        } catch (err) {
            refused = err as DirectLineError;
        }
        expect(refused).to.be.instanceOf(DirectLineError);
        expect(refused).to.include({ status: 503, code: 'TooManyConversations', retryAfterSeconds: 200 });
        expect(refused!.message).to.match(/try again in 200 s/);
        expect(store.size).to.equal(2);
        // The one nobody polled goes once it is out of use; the polled one stays.
        advance(200_000);
        store.open('dl_user0003');
        expect(store.get(open[0]!.conversationId)).to.not.equal(undefined);
        expect(store.get(open[1]!.conversationId)).to.equal(undefined);
    });

    it('lets a token nobody used go after 30 s, before conversations people talk in', () => {
        const { store, advance } = storeAt({ maxConversations: 2, activeSeconds: 300 });
        const talking = store.open('dl_user0001');
        store.get(talking.conversationId)!.started = true;
        const unused = store.open('dl_user0002');
        advance(31_000);
        store.open('dl_user0003');
        expect(store.get(talking.conversationId)).to.not.equal(undefined);
        expect(store.get(unused.conversationId)).to.equal(undefined);
    });

    it('refuses a client activity over maxActivityBytes, and client activities beyond half the conversation budget (413)', () => {
        const { store } = storeAt({ maxActivityBytes: 2048, maxConversationBytes: 8192 });
        const { conversationId } = store.open('dl_user0001');
        expect(refusal(() => store.append(conversationId, { type: 'event', value: 'x'.repeat(3000) }, { fromClient: true }))).to.deep.equal({ status: 413, code: 'ActivityTooLarge' });
        let accepted = 0;
        let last: ReturnType<typeof refusal>;
        for (let i = 0; i < 10 && !last; i++) {
            last = refusal(() => store.append(conversationId, { type: 'event', value: 'y'.repeat(1500) }, { fromClient: true }));
            if (!last) accepted += 1;
        }
        expect(accepted).to.equal(2); // about 1.6 KB each, 4 KB for the client
        expect(last).to.deep.equal({ status: 413, code: 'ConversationFull' });
        expect(store.bytesOf(conversationId).clientBytes).to.be.at.most(4096);
        // The bot still has room for its replies.
        expect(refusal(() => store.append(conversationId, { type: 'message', text: 'z'.repeat(1000) }))).to.equal(undefined);
    });

    it('keeps at most maxConversationBytes of activities, dropping the oldest; watermarks stay absolute', () => {
        const { store } = storeAt({ maxActivityBytes: 2048, maxConversationBytes: 8192 });
        const { conversationId } = store.open('dl_user0001');
        for (let i = 0; i < 40; i++) store.append(conversationId, { type: 'message', text: `${i} ${'r'.repeat(1000)}` });
        const { bytes } = store.bytesOf(conversationId);
        expect(bytes).to.be.at.most(8192).and.above(6000);
        const kept = store.activitiesAfter(conversationId, undefined);
        expect(kept.watermark).to.equal('40');
        expect(kept.activities.at(-1)!.text).to.match(/^39 /);
        expect(kept.activities.length).to.be.below(8);
        // A removed activity gives its bytes back.
        store.remove(conversationId, kept.activities[0]!.id!);
        expect(store.bytesOf(conversationId).bytes).to.be.below(bytes);
    });

    it('keeps the last maxActivities activities; watermarks stay absolute', () => {
        const { store } = storeAt({ maxActivities: 3 });
        const { conversationId } = store.open('dl_user0001');
        for (let i = 0; i < 5; i++) store.append(conversationId, { type: 'message', text: `m${i}` });
        const all = store.activitiesAfter(conversationId, undefined);
        expect(all.activities.map((a) => a.text)).to.deep.equal(['m2', 'm3', 'm4']);
        expect(all.watermark).to.equal('5');
        expect(store.activitiesAfter(conversationId, '4').activities.map((a) => a.text)).to.deep.equal(['m4']);
        expect(store.activitiesAfter(conversationId, '5').activities).to.deep.equal([]);
    });
});
