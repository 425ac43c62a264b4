// HANDOFF_AGENT_IDS: each entry names its kind, so an agent is known by something a client
// cannot choose (see agentIdentity.ts for how a turn is matched):
//   aad:<tenant id>/<object id>   a Teams user: the Azure AD object id and tenant of the signed activity
//   aad:<object id>               the same in the bot's own tenant (MicrosoftAppTenantId)
//   webchat:<name>                a person who signs in with a link from `npm run agent:link -- <name>`
// Channel user ids (29:..., dl_...) are refused: any client can write one into an activity.
// Entries are stored in one canonical form (lower case, tenant spelled out), which is also the
// agent's key on the desk.

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Web Chat agent names, as in sign-in links, cookies and Direct Line user ids. */
export const agentNamePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** One entry in canonical form, or why it cannot be one (and what to write instead). */
export function parseAgentEntry(raw: string, botTenantId: string | undefined): { key: string } | { error: string } {
    const entry = raw.trim();
    const colon = entry.indexOf(':');
    const kind = colon > 0 ? entry.slice(0, colon).toLowerCase() : '';
    const rest = colon > 0 ? entry.slice(colon + 1).trim().toLowerCase() : '';
    if (kind === 'aad') {
        const [first = '', second, ...extra] = rest.split('/');
        const tenantId = second === undefined ? botTenantId?.trim().toLowerCase() : first;
        const objectId = second === undefined ? first : second;
        if (extra.length || !guid.test(objectId) || (second !== undefined && !guid.test(first))) {
            return { error: `"${entry}" is not aad:<object id> or aad:<tenant id>/<object id> (GUIDs, as Azure AD shows them)` };
        }
        if (!tenantId) return { error: `"${entry}" names no tenant and MicrosoftAppTenantId is not set: write aad:<tenant id>/${objectId}` };
        return { key: `aad:${tenantId}/${objectId}` };
    }
    if (kind === 'webchat') {
        if (!agentNamePattern.test(rest)) return { error: `"${entry}": a Web Chat agent name is 1 to 40 letters, digits, "_" or "-", starting with a letter or digit` };
        return { key: `webchat:${rest}` };
    }
    const what = /^dl_/i.test(entry)
        ? 'is a Direct Line user id, which any browser could ask for'
        : /^\d+:/.test(entry)
          ? 'is a channel user id, which any client can put in an activity'
          : 'names no kind';
    return {
        error: `"${entry}" ${what}: write aad:<tenant id>/<object id> for a Teams user (their Azure AD object id), or webchat:<name> for someone who signs in with a link from npm run agent:link -- <name>`
    };
}

/** The names of the Web Chat agents among canonical entries. */
export function webChatAgentNames(keys: readonly string[]): Set<string> {
    return new Set(keys.filter((k) => k.startsWith('webchat:')).map((k) => k.slice('webchat:'.length)));
}

/** The Direct Line user id the token route gives a signed-in Web Chat agent (a visitor's is dl_ and hex, so never this). */
export const webChatAgentUserId = (name: string) => `dl_agent_${name}`;

/** The agent name in a Direct Line user id the token route gave an agent. */
export function agentNameOfUserId(userId: string | undefined): string | undefined {
    const name = userId?.startsWith('dl_agent_') ? userId.slice('dl_agent_'.length) : undefined;
    return name && agentNamePattern.test(name) ? name : undefined;
}
