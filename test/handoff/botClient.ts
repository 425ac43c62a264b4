// Talks to the real server as a channel would, with delivery mode expectReplies: the replies of
// the turn come back in the HTTP response.
import type { Activity } from 'botbuilder';

export interface Party {
    conversationId: string;
    userId: string;
    name?: string;
    /** Default emulator; msteams with a tenant and an Azure AD object id for Teams users. */
    channelId?: string;
    aadObjectId?: string;
    tenantId?: string;
}

/** `authorization`: the Authorization header, for a bot with credentials (see signedChannel.ts). */
export async function send(
    botUrl: string,
    serviceUrl: string,
    party: Party,
    text: string,
    extra: Partial<Activity> = {},
    authorization?: string
): Promise<Partial<Activity>[]> {
    const activity = {
        type: 'message',
        text,
        channelId: party.channelId ?? 'emulator',
        serviceUrl,
        deliveryMode: 'expectReplies',
        conversation: { id: party.conversationId, ...(party.tenantId ? { tenantId: party.tenantId } : {}) },
        from: { id: party.userId, name: party.name ?? party.userId, ...(party.aadObjectId ? { aadObjectId: party.aadObjectId } : {}) },
        ...(party.tenantId ? { channelData: { tenant: { id: party.tenantId } } } : {}),
        recipient: { id: 'bot', name: 'Support bot' },
        id: `m-${Math.random().toString(36).slice(2)}`,
        ...extra
    };
    const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity) });
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
    const body = (await res.json().catch(() => ({}))) as { activities?: Partial<Activity>[] };
    return body.activities ?? [];
}

/** What a person reads in the replies: texts and card contents, without traces and events. */
export function readable(activities: Partial<Activity>[]): string {
    return activities
        .filter((a) => a.type === 'message')
        .map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content))].join('\n'))
        .join('\n');
}
