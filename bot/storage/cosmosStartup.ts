// The start-up check of STORAGE=cosmos: make the database and the container when they are missing
// and the key may create them, and otherwise turn the Cosmos SDK's error (an empty message and a
// 40-line ErrorResponse) into one line naming the endpoint, the database, the container and the fix.
import { CosmosClient, type Database } from '@azure/cosmos';
import type { CosmosDbPartitionedStorageOptions } from 'botbuilder-azure';
import { StoreStartError } from './botStore';

// What botbuilder's CosmosDbPartitionedStorage partitions on (DocumentStoreItem.partitionKeyPath);
// '/_partitionKey' is what its predecessor CosmosDbStorage left, which it still reads.
const PARTITION_KEY = '/id';
const LEGACY_PARTITION_KEY = '/_partitionKey';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID'
]);

interface Where {
    endpoint: string;
    database: string;
    container: string;
    /** Signed in with a TokenCredential (the managed identity) rather than COSMOS_KEY. */
    identity?: boolean;
}

function codesOf(err: unknown): unknown[] {
    // The SDK wraps a socket error: its code can sit on the error, its cause, or the cause's cause.
    const codes: unknown[] = [];
    let e: unknown = err;
    for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
        const { code, name } = e as { code?: unknown; name?: unknown };
        codes.push(code, name);
        e = (e as { cause?: unknown }).cause;
    }
    return codes;
}

function firstLine(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('{')) ?? '';
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** One line for an operator: what failed, where, and what to run or set. */
export function describeCosmosFailure(err: unknown, where: Where): string {
    const at = `STORAGE=cosmos (COSMOS_ENDPOINT ${where.endpoint}, database "${where.database}", container "${where.container}")`;
    const codes = codesOf(err);
    const tls = codes.find((c) => typeof c === 'string' && TLS_CODES.has(c));
    if (tls) {
        return `${at}: the endpoint's TLS certificate is not trusted here (${String(tls)}). Azure Cosmos DB's certificate is trusted by default: check COSMOS_ENDPOINT; for a local emulator set NODE_EXTRA_CA_CERTS to the emulator's certificate.`;
    }
    const network = codes.find((c) => typeof c === 'string' && (NETWORK_CODES.has(c) || c === 'TimeoutError' || c === 'AbortError'));
    if (network) {
        return `${at}: the endpoint cannot be reached (${String(network)}). Check COSMOS_ENDPOINT (https://<account>.documents.azure.com:443/) and that this host can reach it: DNS, the account's firewall and private endpoints.`;
    }
    const status = codes.find((c) => typeof c === 'number');
    if (where.identity && (status === 401 || status === 403)) {
        return `${at}: the account refused the managed identity (${status}: ${firstLine(err)}). Without COSMOS_KEY the bot signs in as the app's identity (AZURE_CLIENT_ID's when set), which needs the Cosmos DB Built-in Data Contributor role on the account: az cosmosdb sql role assignment list --account-name <account> --resource-group <group> (a new role takes minutes to apply).`;
    }
    if (status === 401) {
        return `${at}: the account refused COSMOS_KEY (401 Unauthorized). Set COSMOS_KEY to one of the account's keys: az cosmosdb keys list --name <account> --resource-group <group> (or the Keys page of the account in the Azure portal).`;
    }
    if (status === 403) {
        return `${at}: the account refused this request (403 Forbidden: ${firstLine(err)}). Allow this host in the account's networking settings, or use a read-write key in COSMOS_KEY.`;
    }
    return `${at}: the start-up check failed (${status ?? 'no status'}: ${firstLine(err) || 'no message'}).`;
}

function missing(what: 'database' | 'container', where: Where): string {
    const account = '--account-name <account> --resource-group <group>';
    const make =
        what === 'database'
            ? `az cosmosdb sql database create ${account} --name ${where.database}, then az cosmosdb sql container create ${account} --database-name ${where.database} --name ${where.container} --partition-key-path ${PARTITION_KEY}`
            : `az cosmosdb sql container create ${account} --database-name ${where.database} --name ${where.container} --partition-key-path ${PARTITION_KEY}`;
    return `STORAGE=cosmos (COSMOS_ENDPOINT ${where.endpoint}): the ${what} "${what === 'database' ? where.database : where.container}" does not exist and COSMOS_KEY may not create it. Create it (${make}), use a read-write key, or point COSMOS_DATABASE / COSMOS_CONTAINER at an existing one.`;
}

const statusOf = (err: unknown) => (err as { code?: unknown }).code;

async function ensureDatabase(client: CosmosClient, where: Where): Promise<Database> {
    try {
        return (await client.databases.createIfNotExists({ id: where.database })).database;
    } catch (err) {
        // A read-only key may read what exists but create nothing; 409: another instance starting
        // at the same moment created it between the SDK's read and its create.
        if (statusOf(err) !== 403 && statusOf(err) !== 409) throw err;
        const database = client.database(where.database);
        await database.read().catch((readErr: unknown) => {
            throw statusOf(readErr) === 404 ? new StoreStartError(missing('database', where), { cause: readErr }) : readErr;
        });
        return database;
    }
}

async function ensureContainer(database: Database, where: Where): Promise<string[] | undefined> {
    try {
        const { resource } = await database.containers.createIfNotExists({ id: where.container, partitionKey: { paths: [PARTITION_KEY] } });
        return resource?.partitionKey?.paths;
    } catch (err) {
        if (statusOf(err) !== 403 && statusOf(err) !== 409) throw err;
        const read = await database.container(where.container).read().catch((readErr: unknown) => {
            throw statusOf(readErr) === 404 ? new StoreStartError(missing('container', where), { cause: readErr }) : readErr;
        });
        return read.resource?.partitionKey?.paths;
    }
}

/** Resolves when the container exists with a partition key botbuilder can use; throws a StoreStartError otherwise. */
export async function prepareCosmosContainer(options: CosmosDbPartitionedStorageOptions): Promise<void> {
    const where: Where = { endpoint: options.cosmosDbEndpoint ?? '', database: options.databaseId, container: options.containerId, identity: !!options.tokenCredential };
    const client = new CosmosClient({
        endpoint: options.cosmosDbEndpoint,
        // The account key, or without COSMOS_KEY the managed identity (cosmosOptions sets one of the two).
        ...(options.tokenCredential ? { aadCredentials: options.tokenCredential } : { key: options.authKey ?? '' }),
        ...options.cosmosClientOptions,
        // A start-up check should answer in seconds, not after the SDK's minute of retries.
        connectionPolicy: { requestTimeout: 10_000, ...options.cosmosClientOptions?.connectionPolicy }
    });
    try {
        const database = await ensureDatabase(client, where);
        const paths = await ensureContainer(database, where);
        if (paths && !paths.includes(PARTITION_KEY) && !paths.includes(LEGACY_PARTITION_KEY)) {
            throw new StoreStartError(
                `STORAGE=cosmos (COSMOS_ENDPOINT ${where.endpoint}): the container "${where.container}" in database "${where.database}" is partitioned on ${paths.join(', ')}, and botbuilder's storage needs ${PARTITION_KEY}. Point COSMOS_CONTAINER at a new container (the bot creates it with ${PARTITION_KEY}).`
            );
        }
    } catch (err) {
        if (err instanceof StoreStartError) throw err;
        throw new StoreStartError(describeCosmosFailure(err, where), { cause: err });
    } finally {
        client.dispose();
    }
}
