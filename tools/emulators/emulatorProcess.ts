// A local emulator in a child process (Azurite, the Cosmos DB server): waits for the line that
// names its port, and stops it (SIGTERM, then SIGKILL after 3 s) with its own clean-up.
import type { ChildProcess } from 'node:child_process';

export interface ListeningEmulator {
    port: number;
    stop(): Promise<void>;
}

export function waitForEmulator(
    child: ChildProcess,
    { name, listening, timeoutMs, cleanUp }: { name: string; listening: RegExp; timeoutMs: number; cleanUp(): void }
): Promise<ListeningEmulator> {
    let output = '';
    const stop = () =>
        new Promise<void>((resolve) => {
            const done = () => {
                cleanUp();
                resolve();
            };
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        });

    return new Promise<ListeningEmulator>((resolve, reject) => {
        let settled = false;
        const fail = (reason: string) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            void stop().then(() => reject(new Error(`${reason}${output ? `; ${name} said: ${output.trim().slice(-500)}` : ''}`)));
        };
        const timer = setTimeout(() => fail(`${name} did not listen within ${timeoutMs} ms`), timeoutMs);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = listening.exec(output);
            if (match && !settled) {
                settled = true;
                clearTimeout(timer);
                child.stdout?.off('data', onData);
                // Keep draining so a chatty emulator never blocks on a full pipe.
                child.stdout?.resume();
                resolve({ port: Number(match[1]), stop });
            }
        };
        child.stdout?.on('data', onData);
        // Emulators may log every failed request to stderr: keep only the tail for a start failure.
        child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
        child.once('error', (err) => fail(`${name} could not be started: ${err.message}`));
        child.once('exit', (code, signal) => fail(`${name} exited before listening (code ${code}, signal ${signal})`));
    });
}
