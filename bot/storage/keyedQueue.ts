// Turns of one conversation must not overlap inside a process: both would read the same state,
// and one turn's save would undo the other's (or, with optimistic state, fail it). A person who
// double-clicks a card button, or Teams redelivering a message, produces exactly that. Work for
// the same key runs in arrival order, one at a time; different keys run in parallel.

export class KeyedQueue {
    private readonly tails = new Map<string, Promise<void>>();
    private readonly counts = new Map<string, number>();

    /** Runs `work` after every earlier `run` with the same key has settled; resolves or rejects as `work` does. */
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        // A failed turn must not block the turns queued behind it: the tail never rejects.
        const result = previous.then(() => work());
        const tail = result.then(
            () => undefined,
            () => undefined
        );
        this.tails.set(key, tail);
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        void tail.then(() => {
            const left = (this.counts.get(key) ?? 1) - 1;
            if (left === 0) this.counts.delete(key);
            else this.counts.set(key, left);
            // Forget idle keys, or a long-running bot would keep one entry per conversation ever seen.
            if (this.tails.get(key) === tail) this.tails.delete(key);
        });
        return result;
    }

    /** Jobs for this key that have not finished (running or waiting); lets a caller shed load. */
    pending(key: string): number {
        return this.counts.get(key) ?? 0;
    }

    /** Keys with work running or waiting. */
    get activeKeys(): number {
        return this.tails.size;
    }
}
