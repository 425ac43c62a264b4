// For a describe block that needs a Cosmos DB SQL API: starts @vercel/cosmosdb-server before its
// tests and stops it after; when it cannot start, the block is reported pending with the reason.
// Differences from Azure Cosmos DB that the tests rely on knowing: it accepts any key, keeps
// everything in memory, has no throughput limits (no 429s) and one region.
import { startCosmosServer, type RunningCosmos } from '../../tools/emulators/cosmosServer';

export function useCosmos(what: string): () => RunningCosmos {
    let cosmos: RunningCosmos | undefined;
    before(async function () {
        this.timeout(30_000);
        try {
            cosmos = await startCosmosServer();
        } catch (err) {
            console.warn(`      ${what} pending: the Cosmos DB server could not start (${(err as Error).message})`);
            this.skip();
        }
    });
    after(async () => {
        await cosmos?.stop();
    });
    return () => cosmos!;
}

/** The environment of a bot process on that server: the test certificate is trusted there only. */
export function cosmosEnv(cosmos: RunningCosmos, database: string, container: string): Record<string, string> {
    return {
        STORAGE: 'cosmos',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: database,
        COSMOS_CONTAINER: container,
        NODE_EXTRA_CA_CERTS: cosmos.certificateFile
    };
}
