// The one place the environment is read. Every setting is validated here, so a bad value stops
// the bot at start with the variable's name and what it expects, not later in a turn.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseAgentEntry } from './handoff/agentEntries';
import { officeHoursSchema } from './handoff/officeHours';
import { allowedOriginsSchema } from './security/serviceUrlAllowList';

const flag = z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));
// Bearer tokens go only over TLS (the Azure SDK refuses them on http), and a privacy link must be one a browser trusts.
const httpsUrl = (example: string) =>
    z
        .string()
        .trim()
        .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', `must be an https URL such as ${example}`)
        .transform((v) => v.replace(/\/+$/, ''));
const commaList = z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

// The settings by group, each with the text env.example shows for it (npm run env:example
// writes that file from these, and a test keeps it in step).
const runtime = {
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('production tightens the defaults: authentication required, listening on every interface, no built-in Direct Line.'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978).describe('The HTTP port (0: any free one).'),
    HOST: optionalText.describe('The address to listen on. Empty: every interface (0.0.0.0) in production, loopback (127.0.0.1) otherwise.'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('One JSON line per message turn at info; debug adds the SDKs\' errors.')
};

const state = {
    STORAGE: z
        .enum(['file', 'memory', 'blobs', 'cosmos'])
        .default('file')
        .describe(
            'Where state goes (deploy/README.md, "Choosing the state store"). file: embedded LMDB database under DATA_DIR, one instance only. memory: lost at restart, for trials. blobs: Azure Blob Storage, any number of instances. cosmos: Azure Cosmos DB for the state (lowest latency under load), Blob Storage for the transcripts.'
        ),
    DATA_DIR: z.string().min(1).default('.data').describe('The folder of STORAGE=file\'s database, its transcripts and the feedback log (/data in the image).'),
    BLOB_CONNECTION_STRING: optionalText.describe('Blob Storage with the account key (Azurite, local runs). Set this or BLOB_ACCOUNT_URL, not both.'),
    BLOB_ACCOUNT_URL: httpsUrl('https://<account>.blob.core.windows.net')
        .optional()
        .describe('Blob Storage with the managed identity instead of a key: https://<account>.blob.core.windows.net (its role: Storage Blob Data Contributor).'),
    BLOB_CONTAINER: optionalText.describe(
        'The state container with STORAGE=blobs; the transcripts go to <BLOB_CONTAINER>-transcripts, with STORAGE=cosmos too (required then when NODE_ENV=production).'
    ),
    COSMOS_ENDPOINT: optionalText.describe('The Cosmos DB account with STORAGE=cosmos: https://<account>.documents.azure.com:443/. A missing database and container are created (partition key /id) when the key may.'),
    COSMOS_KEY: optionalText.describe('The account key. Empty: the managed identity, which needs the Cosmos DB Built-in Data Contributor role.'),
    COSMOS_DATABASE: optionalText.describe('The database with STORAGE=cosmos.'),
    COSMOS_CONTAINER: optionalText.describe('The container with STORAGE=cosmos.'),
    AZURE_CLIENT_ID: optionalText.describe(
        'The client id of the user-assigned managed identity the storage clients sign in with (BLOB_ACCOUNT_URL, COSMOS_ENDPOINT without a key). Empty: the system-assigned one.'
    ),
    TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().positive().default(30).describe('How long redacted transcripts, and the messages customers left for agents, are kept.')
};

const credentials = {
    MicrosoftAppId: optionalText.describe(
        'The Azure Bot\'s app id. Empty: no authentication (local only: NODE_ENV=production refuses that unless ALLOW_UNAUTHENTICATED=true).'
    ),
    MicrosoftAppPassword: optionalText.describe('The app registration\'s client secret (SingleTenant, MultiTenant); none with UserAssignedMSI.'),
    MicrosoftAppType: z
        .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
        .default('SingleTenant')
        .describe('SingleTenant: app id, client secret and tenant. UserAssignedMSI: the identity\'s client id and tenant, no password.'),
    MicrosoftAppTenantId: optionalText.describe('The tenant of the app registration or identity (required unless MultiTenant).'),
    ALLOW_UNAUTHENTICATED: flag.default(false).describe('Run without MicrosoftAppId in production, on purpose.'),
    SERVICE_URL_ALLOWLIST: allowedOriginsSchema.describe(
        'Origins the bot may send replies to beyond its defaults (Microsoft\'s channel hosts with MicrosoftAppId; the built-in Direct Line\'s own address), comma-separated: https://channel.example.com,https://*.bots.example.org:8443. Replies to any other serviceUrl are dropped with a warning naming the host.'
    )
};

const webChat = {
    DIRECT_LINE_SECRET: optionalText.describe('The Azure Bot\'s Direct Line secret; the page gets short-lived tokens, never the secret.'),
    SIGN_IN_SECRET: z
        .string()
        .trim()
        .min(32, 'must be at least 32 characters (for example the output of: openssl rand -hex 32)')
        .optional()
        .describe(
            'Key of the Web Chat user and agent cookies and agent sign-in links (openssl rand -hex 32), the same on every instance. Empty: derived from DIRECT_LINE_SECRET, or DATA_DIR/sign-in.key.'
        ),
    TOKEN_RATE_LIMIT_PER_ADDRESS: z.coerce
        .number()
        .int()
        .positive()
        .default(30)
        .describe('Direct Line tokens per client address per RATE_LIMIT_WINDOW_SECONDS (each opens a conversation or spends an Azure token request).'),
    LOCAL_DIRECT_LINE: flag.optional().describe('The built-in Direct Line endpoint for Web Chat without Azure. Empty: on outside production when MicrosoftAppId is empty.'),
    BRAND_NAME: z.string().default('BMW Connected Help').describe('The name on the page and in Teams (30 characters at most for Teams).'),
    BRAND_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c69d4').default('#1c69d4').describe('The page\'s and the Teams icon\'s colour.'),
    BOT_AVATAR_INITIALS: z.string().min(1).max(3).default('BC').describe('The bot\'s avatar on the page and the Teams icon.'),
    PRIVACY_URL: httpsUrl('https://example.com/privacy').optional().describe('The privacy notice the Teams manifest links to. Empty: the bot\'s own /privacy page.'),
    TERMS_URL: httpsUrl('https://example.com/terms').optional().describe('The terms of use the Teams manifest links to. Empty: the bot\'s own /terms page.')
};

const handoff = {
    HANDOFF_AGENT_IDS: commaList.describe(
        'The people who act as agents, comma-separated (needs the credentials above): aad:<tenant id>/<object id> for a Teams user (aad:<object id> in MicrosoftAppTenantId); webchat:<name> signs in to Web Chat with a link from npm run agent:link. Channel user ids (29:..., dl_...) are refused.'
    ),
    HANDOFF_TIMEOUT_MINUTES: z.coerce.number().positive().default(10).describe('How long a customer waits for an agent before being offered to leave a message.'),
    HANDOFF_MAX_CHATS: z.coerce.number().int().positive().max(20).default(1).describe('How many live chats an agent can have at once; with more than one, "to <case>" switches between them.'),
    HANDOFF_SLA_MINUTES: z.coerce.number().positive().default(5).describe('Available agents are alerted, once per case, when a customer has waited this long.'),
    HANDOFF_IDLE_MINUTES: z.coerce.number().positive().default(20).describe('A live chat with an agent in which nobody writes for this long is closed, and both sides are told.'),
    HANDOFF_HOURS: officeHoursSchema.optional().describe('When agents can be expected, such as "Mon-Fri 08:00-18:00 Europe/Berlin"; out of hours customers are offered to leave a message. Empty: always.')
};

const limits = {
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024).describe('The largest request body (413 beyond).'),
    MAX_TEXT_LENGTH: z.coerce.number().int().positive().default(2000).describe('Longer messages are cut to this many characters, and the person told.'),
    RATE_LIMIT_PER_CONVERSATION: z.coerce.number().int().positive().default(30).describe('Messages per conversation per window.'),
    RATE_LIMIT_PER_ADDRESS: z.coerce
        .number()
        .int()
        .positive()
        .default(300)
        .describe('Requests per client address per window; on App Service every user shares the front ends\' addresses (deploy/README.md, "Rate limits").'),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60).describe('The window of the rate limits.'),
    DIRECT_LINE_MAX_CONVERSATIONS: z.coerce.number().int().positive().default(1000).describe('The built-in Direct Line\'s conversations at once (README, "Direct Line limits").'),
    DIRECT_LINE_MAX_ACTIVITY_BYTES: z.coerce.number().int().min(1024).default(32 * 1024).describe('The built-in Direct Line\'s largest activity.'),
    DIRECT_LINE_MAX_CONVERSATION_BYTES: z.coerce.number().int().min(4096).default(256 * 1024).describe('The built-in Direct Line\'s memory per conversation.')
};

const observability = {
    METRICS_TOKEN: z
        .string()
        .trim()
        .min(16, 'must be at least 16 characters (for example the output of: openssl rand -hex 32)')
        .optional()
        .describe('A bearer token the scraper sends for /metrics (README, "Metrics"); in production /metrics is served only with it or METRICS_PORT.'),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional().describe('A listener of its own for /metrics.'),
    METRICS_HOST: z.string().trim().min(1).default('127.0.0.1').describe('The address of METRICS_PORT\'s listener.'),
    APPLICATIONINSIGHTS_CONNECTION_STRING: z
        .string()
        .trim()
        .regex(/(^|;)\s*InstrumentationKey=[^;]+/i, 'must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)')
        .optional()
        .describe('Application Insights: requests, dependencies and the bot\'s metrics, never message text (deploy/README.md, "Logs, requests and metrics"). Empty: off.')
};

/**
 * What `npm run teams:package` and `teams:icons` read: the brand, the app id and the manifest's
 * links. Packaging signs in nowhere, so the bot's password and tenant, and every setting only the
 * running bot needs, are neither required nor checked here.
 */
const teamsPackageSchema = z.object({
    MicrosoftAppId: optionalText,
    BRAND_NAME: webChat.BRAND_NAME,
    BRAND_COLOR: webChat.BRAND_COLOR,
    BOT_AVATAR_INITIALS: webChat.BOT_AVATAR_INITIALS,
    PRIVACY_URL: webChat.PRIVACY_URL,
    TERMS_URL: webChat.TERMS_URL
});

/** The groups env.example shows, in its order. */
export const settingSections = [
    { title: 'runtime', shape: runtime },
    { title: 'state and transcripts', shape: state },
    { title: 'Bot Framework credentials (the Azure Bot\'s app registration)', shape: credentials },
    { title: 'Web Chat page and Teams app', shape: webChat },
    { title: 'human handoff', shape: handoff },
    { title: 'limits', shape: limits },
    { title: 'metrics and telemetry', shape: observability }
];

export const configSchema = z
    .object({ ...runtime, ...state, ...credentials, ...webChat, ...handoff, ...limits, ...observability })
    .superRefine((c, ctx) => {
        const need = (key: keyof typeof c, why: string) => {
            if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
        };
        // One way to reach each store: a key (connection string, COSMOS_KEY; local runs and Azurite), or the managed identity.
        if (c.BLOB_CONNECTION_STRING && c.BLOB_ACCOUNT_URL) {
            ctx.addIssue({
                code: 'custom',
                path: ['BLOB_ACCOUNT_URL'],
                message: 'and BLOB_CONNECTION_STRING are both set: keep BLOB_ACCOUNT_URL to sign in with the managed identity, or BLOB_CONNECTION_STRING to use the account key (Azurite)'
            });
        }
        const needBlobs = (why: string) => {
            if (!c.BLOB_CONNECTION_STRING && !c.BLOB_ACCOUNT_URL) {
                ctx.addIssue({ code: 'custom', path: ['BLOB_ACCOUNT_URL'], message: `(managed identity) or BLOB_CONNECTION_STRING (a key) is required ${why}` });
            }
            need('BLOB_CONTAINER', why);
        };
        if (c.STORAGE === 'blobs') needBlobs('when STORAGE=blobs');
        if (c.STORAGE === 'cosmos') {
            for (const key of ['COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'COSMOS_CONTAINER'] as const) need(key, 'when STORAGE=cosmos');
            // Cosmos DB keeps the state only; the transcripts that TRANSCRIPT_RETENTION_DAYS promises to
            // keep, and through them data:delete's list of a person's conversations, live in blobs.
            if (c.NODE_ENV === 'production') {
                needBlobs('in production when STORAGE=cosmos: the transcripts (<BLOB_CONTAINER>-transcripts, kept TRANSCRIPT_RETENTION_DAYS days) go to Blob Storage, Cosmos DB holds only the state');
            }
        }
        if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT) {
            ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (it is a listener of its own; leave it unset to serve /metrics on PORT with METRICS_TOKEN)' });
        }
        if (c.DIRECT_LINE_MAX_ACTIVITY_BYTES * 2 > c.DIRECT_LINE_MAX_CONVERSATION_BYTES) {
            ctx.addIssue({ code: 'custom', path: ['DIRECT_LINE_MAX_CONVERSATION_BYTES'], message: 'must be at least twice DIRECT_LINE_MAX_ACTIVITY_BYTES (a person\'s activities may take half of it)' });
        }
        if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI') need('MicrosoftAppPassword', `when MicrosoftAppId is set and MicrosoftAppType is ${c.MicrosoftAppType}`);
        if (c.MicrosoftAppId && c.MicrosoftAppType !== 'MultiTenant') need('MicrosoftAppTenantId', `when MicrosoftAppType is ${c.MicrosoftAppType}`);
        const agentProblems = c.HANDOFF_AGENT_IDS.map((entry) => parseAgentEntry(entry, c.MicrosoftAppTenantId)).flatMap((p) => ('error' in p ? [p.error] : []));
        for (const problem of agentProblems) ctx.addIssue({ code: 'custom', path: ['HANDOFF_AGENT_IDS'], message: problem });
        const host = listenHost(c);
        if (c.HANDOFF_AGENT_IDS.length && !c.MicrosoftAppId && !(c.NODE_ENV === 'development' && isLoopbackHost(host))) {
            ctx.addIssue({
                code: 'custom',
                path: ['HANDOFF_AGENT_IDS'],
                message: `is set but authentication is off (no MicrosoftAppId), so anyone could post as an agent: set the bot credentials, or try the agent desk locally with NODE_ENV=development and HOST on loopback (127.0.0.1, the default outside production; now ${c.NODE_ENV} on ${host})`
            });
        }
        if (c.NODE_ENV === 'production' && !c.MicrosoftAppId && !c.ALLOW_UNAUTHENTICATED) {
            ctx.addIssue({
                code: 'custom',
                path: ['MicrosoftAppId'],
                message: 'is required in production (NODE_ENV=production): set the bot credentials, or ALLOW_UNAUTHENTICATED=true to run without authentication on purpose'
            });
        }
    })
    .transform((c) => ({
        ...c,
        HOST: listenHost(c),
        // Canonical entries (agentEntries.ts): the agents' keys on the desk.
        HANDOFF_AGENT_IDS: c.HANDOFF_AGENT_IDS.map((entry) => (parseAgentEntry(entry, c.MicrosoftAppTenantId) as { key: string }).key),
        LOCAL_DIRECT_LINE: c.LOCAL_DIRECT_LINE ?? (c.NODE_ENV !== 'production' && !c.MicrosoftAppId)
    }));

function listenHost(c: { HOST?: string; NODE_ENV: string }): string {
    return c.HOST ?? (c.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
}

/** Whether only this machine can reach an address the server listens on. */
export function isLoopbackHost(host: string): boolean {
    if (host === 'localhost') return true;
    try {
        return ipaddr.parse(host.replace(/^\[|\]$/g, '')).range() === 'loopback';
    } catch {
        return false;
    }
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`The bot's configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}\nSet these environment variables (see README.md, "Configuration") and start again.`);
        this.name = 'ConfigError';
    }
}

function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
    // Empty strings are how shells and .env files say "unset".
    const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const unresolved = unresolvedKeyVaultReferences(present);
    const parsed = schema.safeParse(present);
    // A reference's own problems (too short, not a URL) would only repeat that the value is not the secret.
    const problems = parsed.success ? [] : parsed.error.issues.filter((i) => !unresolved.has(String(i.path[0]))).map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    if (unresolved.size || !parsed.success) throw new ConfigError([...[...unresolved].map(unresolvedMessage), ...problems]);
    return parsed.data as z.infer<S>;
}

// App Service leaves the reference text in place when it cannot read the secret (no role yet, no
// secret); read as a password or key it would fail every turn while /healthz said ok. Every
// variable is checked, the ones the Azure SDKs read themselves too.
function unresolvedKeyVaultReferences(env: Record<string, string | undefined>): Set<string> {
    return new Set(Object.entries(env).filter(([, v]) => v?.trimStart().startsWith('@Microsoft.KeyVault(')).map(([key]) => key));
}

const unresolvedMessage = (key: string) =>
    `${key}: is an unresolved Key Vault reference (@Microsoft.KeyVault(...)): App Service could not read the secret. Check that the secret exists in the vault the reference names and that the app's managed identity has the "Key Vault Secrets User" role on it (a new role takes minutes to apply), then restart the app`;

/** Reads the configuration from the environment (or the given map); throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
    return parseEnvironment(configSchema, env);
}

/** The Teams packager's few settings (teamsPackageSchema); throws a ConfigError naming each bad variable. */
export function loadTeamsPackageSettings(env: Record<string, string | undefined> = process.env): z.infer<typeof teamsPackageSchema> {
    return parseEnvironment(teamsPackageSchema, env);
}
