// The schedule the retention sweeps share (transcripts, messages left for agents): one sweep at a
// time, on timers that never keep the process alive. A failed sweep is logged and tried again on
// schedule, never thrown: a storage hiccup must not take the bot down.
import type { Logger } from './logger';

export interface SweepSchedule {
    /** Between sweeps (default 6 h). */
    intervalMs?: number;
    /** Before the first sweep (default 1 min: not on the start-up path). */
    firstSweepMs?: number;
}

export interface PeriodicSweep<T> {
    /** Runs one sweep now and resolves with its result (undefined if it failed); a sweep already running is awaited instead. */
    sweep(): Promise<T | undefined>;
    /** Clears the timers; resolves once a sweep that was running has finished, so storage can be closed after it. */
    stop(): Promise<void>;
}

export interface SweepOptions<T> extends SweepSchedule {
    log: Logger;
    /** Called with each successful sweep's result, to log what it did. */
    onResult(result: T): void;
    /** The error log's message and fields: what was not done, and what to check. */
    failure: { message: string; fields?: Record<string, unknown> };
}

export function startPeriodicSweep<T>(
    once: () => Promise<T>,
    { log, onResult, failure, intervalMs = 6 * 60 * 60 * 1000, firstSweepMs = 60_000 }: SweepOptions<T>
): PeriodicSweep<T> {
    let running: Promise<T | undefined> | undefined;
    const sweep = () => {
        running ??= once()
            .then(
                (result) => {
                    onResult(result);
                    return result;
                },
                (err: unknown) => {
                    log.error({ err, ...failure.fields }, failure.message);
                    return undefined;
                }
            )
            .finally(() => {
                running = undefined;
            });
        return running;
    };
    const first = setTimeout(() => void sweep(), firstSweepMs);
    first.unref();
    const interval = setInterval(() => void sweep(), intervalMs);
    interval.unref();
    return {
        sweep,
        async stop() {
            clearTimeout(first);
            clearInterval(interval);
            await running;
        }
    };
}
