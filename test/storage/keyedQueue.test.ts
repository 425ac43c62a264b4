import { expect } from 'chai';
import { conversationKey } from '../../bot/conversationKey';
import { KeyedQueue } from '../../bot/storage/keyedQueue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred(): { promise: Promise<void>; resolve(): void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
}

describe('KeyedQueue', () => {
    it('runs work for one key one at a time, in arrival order', async () => {
        const queue = new KeyedQueue();
        const order: number[] = [];
        let running = 0;
        let most = 0;
        const jobs = [30, 5, 20, 1, 10].map((ms, i) =>
            queue.run('conv-1', async () => {
                running += 1;
                most = Math.max(most, running);
                await sleep(ms);
                order.push(i);
                running -= 1;
                return i;
            })
        );
        expect(await Promise.all(jobs)).to.deep.equal([0, 1, 2, 3, 4]);
        expect(order).to.deep.equal([0, 1, 2, 3, 4]);
        expect(most).to.equal(1);
    });

    it('runs work for different keys in parallel', async () => {
        const queue = new KeyedQueue();
        const aStarted = deferred();
        const bStarted = deferred();
        // Each job finishes only once the other has started: this deadlocks unless they overlap.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('different keys did not run in parallel')), 2000);
        });
        const both = Promise.all([
            queue.run('conv-a', async () => {
                aStarted.resolve();
                await bStarted.promise;
                return 'a';
            }),
            queue.run('conv-b', async () => {
                bStarted.resolve();
                await aStarted.promise;
                return 'b';
            })
        ]);
        try {
            expect(await Promise.race([both, timeout])).to.deep.equal(['a', 'b']);
        } finally {
            clearTimeout(timer);
        }
    });

    it('passes each result or failure to its caller and goes on after a failure', async () => {
        const queue = new KeyedQueue();
        const first = queue.run('k', async () => {
            throw new Error('turn failed');
        });
        const second = queue.run('k', () => {
            throw new Error('thrown before any await');
        });
        const third = queue.run('k', async () => 'ok');
        const results = await Promise.allSettled([first, second, third]);
        expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).to.deep.equal([
            'turn failed',
            'thrown before any await',
            'ok'
        ]);
    });

    it('counts pending work per key and forgets keys once idle', async () => {
        const queue = new KeyedQueue();
        const gate = deferred();
        const jobs = [queue.run('k', () => gate.promise), queue.run('k', async () => {}), queue.run('other', async () => {})];
        expect(queue.pending('k')).to.equal(2);
        expect(queue.activeKeys).to.equal(2);
        gate.resolve();
        await Promise.all(jobs);
        await sleep(0);
        expect(queue.pending('k')).to.equal(0);
        expect(queue.activeKeys).to.equal(0);
    });

    it('keys a turn by channel and conversation id', () => {
        expect(conversationKey({ channelId: 'msteams', conversation: { id: '19:abc@thread.tacv2' } })).to.equal('msteams/19:abc@thread.tacv2');
        expect(conversationKey({ conversation: { id: 'c1' } })).to.equal('/c1');
        expect(conversationKey({ channelId: 'webchat', conversation: {} })).to.equal(undefined);
        expect(conversationKey({ channelId: 'webchat', conversation: { id: '' } })).to.equal(undefined);
        expect(conversationKey(null)).to.equal(undefined);
        expect(conversationKey('text')).to.equal(undefined);
    });
});
