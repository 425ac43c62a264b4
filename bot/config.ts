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

export const configSchema = z
    .object({
        NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
        PORT: z.coerce.number().int().min(0).max(65535).default(3978),
        /** The address to listen on: 127.0.0.1 outside production, 0.0.0.0 (every interface) in production. */
        HOST: optionalText,
        LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

        STORAGE: z.enum(['file', 'memory', 'blobs', 'cosmos']).default('file'),
        DATA_DIR: z.string().min(1).default('.data'),
        BLOB_CONNECTION_STRING: optionalText,
        /** Blob Storage reached with the app's managed identity instead of a key: https://<account>.blob.core.windows.net. */
        BLOB_ACCOUNT_URL: httpsUrl('https://<account>.blob.core.windows.net').optional(),
        BLOB_CONTAINER: optionalText,
        COSMOS_ENDPOINT: optionalText,
        /** Empty: Cosmos DB is reached with the app's managed identity (its data role), not a key. */
        COSMOS_KEY: optionalText,
        /** The client id of the user-assigned managed identity the storage clients sign in with; empty: the system-assigned one. */
        AZURE_CLIENT_ID: optionalText,
        COSMOS_DATABASE: optionalText,
        COSMOS_CONTAINER: optionalText,

        MicrosoftAppId: optionalText,
        MicrosoftAppPassword: optionalText,
        MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
        MicrosoftAppTenantId: optionalText,
        ALLOW_UNAUTHENTICATED: flag.default(false),
        /** Origins (https://host[:port], a leftmost *. label allowed) the bot may send replies to, beyond its defaults. */
        SERVICE_URL_ALLOWLIST: allowedOriginsSchema,

        DIRECT_LINE_SECRET: optionalText,
        /** HMAC key for the Web Chat user and agent cookies and agent sign-in links (see bot/webchat/signing.ts for the fallbacks). */
        SIGN_IN_SECRET: z.string().trim().min(32, 'must be at least 32 characters (for example the output of: openssl rand -hex 32)').optional(),
        /** Direct Line tokens per client address per RATE_LIMIT_WINDOW_SECONDS (each one opens a conversation or spends an Azure token request). */
        TOKEN_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(30),
        /** The built-in Direct Line endpoint for Web Chat without Azure; on by default outside production and without MicrosoftAppId. */
        LOCAL_DIRECT_LINE: flag.optional(),
        BRAND_NAME: z.string().default('BMW Connected Help'),
        BRAND_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c69d4').default('#1c69d4'),
        BOT_AVATAR_INITIALS: z.string().min(1).max(3).default('BC'),

        HANDOFF_AGENT_IDS: commaList,
        HANDOFF_TIMEOUT_MINUTES: z.coerce.number().positive().default(10),
        HANDOFF_HOURS: officeHoursSchema.optional(),

        MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
        MAX_TEXT_LENGTH: z.coerce.number().int().positive().default(2000),
        RATE_LIMIT_PER_CONVERSATION: z.coerce.number().int().positive().default(30),
        RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(300),
        RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
        /** The built-in Direct Line's memory: conversations at once, and bytes per activity and per conversation (README, "Direct Line limits"). */
        DIRECT_LINE_MAX_CONVERSATIONS: z.coerce.number().int().positive().default(1000),
        DIRECT_LINE_MAX_ACTIVITY_BYTES: z.coerce.number().int().min(1024).default(32 * 1024),
        DIRECT_LINE_MAX_CONVERSATION_BYTES: z.coerce.number().int().min(4096).default(256 * 1024),
        /** Who may read /metrics: a bearer token, and/or a listener of its own (README, "Metrics"). */
        METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (for example the output of: openssl rand -hex 32)').optional(),
        METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
        METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
        /** How long redacted transcripts, and the messages customers left for agents, are kept. */
        TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
        /** Application Insights (the resource's connection string): requests, dependencies and the bot's metrics, never message text. Empty: off. */
        APPLICATIONINSIGHTS_CONNECTION_STRING: z
            .string()
            .trim()
            .regex(/(^|;)\s*InstrumentationKey=[^;]+/i, 'must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)')
            .optional(),
        /** The privacy notice the Teams manifest links to; empty: the bot's own /privacy page. */
        PRIVACY_URL: httpsUrl('https://example.com/privacy').optional(),
        /** The terms of use the Teams manifest links to; empty: the bot's own /terms page. */
        TERMS_URL: httpsUrl('https://example.com/terms').optional()
    })
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

/** Reads the configuration from the environment (or the given map); throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
    // Empty strings are how shells and .env files say "unset".
    const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const unresolved = unresolvedKeyVaultReferences(present);
    const parsed = configSchema.safeParse(present);
    // A reference's own problems (too short, not a URL) would only repeat that the value is not the secret.
    const problems = parsed.success ? [] : parsed.error.issues.filter((i) => !unresolved.has(String(i.path[0]))).map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    if (unresolved.size || !parsed.success) throw new ConfigError([...[...unresolved].map(unresolvedMessage), ...problems]);
    return parsed.data;
}

// App Service leaves the reference text in place when it cannot read the secret (no role yet, no
// secret); read as a password or key it would fail every turn while /healthz said ok. Every
// variable is checked, the ones the Azure SDKs read themselves too.
function unresolvedKeyVaultReferences(env: Record<string, string | undefined>): Set<string> {
    return new Set(Object.entries(env).filter(([, v]) => v?.trimStart().startsWith('@Microsoft.KeyVault(')).map(([key]) => key));
}

const unresolvedMessage = (key: string) =>
    `${key}: is an unresolved Key Vault reference (@Microsoft.KeyVault(...)): App Service could not read the secret. Check that the secret exists in the vault the reference names and that the app's managed identity has the "Key Vault Secrets User" role on it (a new role takes minutes to apply), then restart the app`;
