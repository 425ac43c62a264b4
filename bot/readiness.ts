// Tracks whether the bot can take turns (knowledge and classifier loaded) and how many are in
// flight, so /healthz is honest and a shutdown can wait for running turns to finish.
export class Readiness {
    private ready = false;
    private inFlight = 0;
    private drained: (() => void) | undefined;

    get isReady(): boolean {
        return this.ready;
    }

    markReady(): void {
        this.ready = true;
    }

    get turnsInFlight(): number {
        return this.inFlight;
    }

    async track<T>(work: () => Promise<T>): Promise<T> {
        this.inFlight += 1;
        try {
            return await work();
        } finally {
            this.inFlight -= 1;
            if (this.inFlight === 0) this.drained?.();
        }
    }

    /** Resolves when no turn is running, or after timeoutMs (true when drained in time). */
    drain(timeoutMs: number): Promise<boolean> {
        this.ready = false;
        if (this.inFlight === 0) return Promise.resolve(true);
        return new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            this.drained = () => {
                clearTimeout(timer);
                resolve(true);
            };
        });
    }
}
