// A progress bar on stderr for long training runs, so stdout stays pure JSON. cli-progress draws
// nothing when stderr is not a terminal (CI logs, tests), which is what we want there too.
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
    update(done: number, total: number): void;
    stop(): void;
}

export function progressBar(unit: string): Progress {
    const bar = new SingleBar(
        { stream: process.stderr, format: `{bar} {value}/{total} ${unit}`, clearOnComplete: true, hideCursor: true },
        Presets.shades_classic
    );
    let started = false;
    return {
        update(done, total) {
            if (!started) {
                bar.start(total, 0);
                started = true;
            }
            bar.setTotal(total);
            bar.update(done);
        },
        stop() {
            if (started) bar.stop();
        }
    };
}
