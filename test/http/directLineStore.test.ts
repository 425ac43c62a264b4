// The built-in Direct Line's memory limits, on a fake clock: token expiry, idle conversations,
// the conversation cap and the per-conversation activity cap.
import { expect } from 'chai';
import { DirectLineError, DirectLineStore } from '../../bot/directline/directLineStore';

function storeAt(limits: Partial<DirectLineStore['limits']> = {}) {
    let now = 1_000_000;
    const store = new DirectLineStore({ maxConversations: 1000, idleMinutes: 60, maxActivities: 500, tokenSeconds: 1800, ...limits }, () => now);
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

    it('keeps at most maxConversations, dropping the one idle the longest', () => {
        const { store, advance } = storeAt({ maxConversations: 2 });
        const first = store.open('dl_user0001');
        advance(1000);
        const second = store.open('dl_user0002');
        advance(1000);
        store.append(first.conversationId, { type: 'message', text: 'still here' });
        advance(1000);
        store.open('dl_user0003');
        expect(store.size).to.equal(2);
        expect(store.get(first.conversationId)).to.not.equal(undefined);
        expect(store.get(second.conversationId)).to.equal(undefined);
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
