// For a describe block that needs real blob storage: starts Azurite before its tests and stops
// it after; when Azurite cannot start, the block is reported pending with the reason.
import { startAzurite, type RunningAzurite } from '../../tools/emulators/azurite';

export function useAzurite(what: string): () => RunningAzurite {
    let azurite: RunningAzurite | undefined;
    before(async function () {
        this.timeout(30_000);
        try {
            azurite = await startAzurite();
        } catch (err) {
            console.warn(`      ${what} pending: Azurite could not start (${(err as Error).message}); run npm install`);
            this.skip();
        }
    });
    after(async () => {
        await azurite?.stop();
    });
    return () => azurite!;
}
