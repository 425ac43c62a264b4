// The real server, started in-process on a free port, and small helpers to talk to it the way
// channels do: POST /api/messages with deliveryMode expectReplies (the replies come back in the
// HTTP body), and the Direct Line calls Web Chat makes.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { startBot, type RunningBot, type StartOptions } from '../../bot/startBot';

export async function startTestBot(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningBot> {
    const config = loadConfig({ PORT: '0', STORAGE: 'memory', LOG_LEVEL: 'silent', ...env });
    return startBot(config, createLogger(config), options);
}

export interface Reply {
    status: number;
    body: { activities?: Partial<Activity>[]; code?: string; message?: string };
}

export async function postActivity(url: string, activity: Record<string, unknown>): Promise<Reply> {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

/** What a person would see in replies: texts, suggested-action titles, card texts and button titles. */
export function visible(replies: Partial<Activity>[]): string {
    return replies
        .filter((r) => r.type === 'message')
        .flatMap((r) => [r.text ?? '', ...(r.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`), ...(r.attachments ?? []).map((a) => JSON.stringify(a.content))])
        .join('\n');
}

/** A conversation as one channel shapes it: call say() with typed text or a card submit value. */
export interface ChannelShape {
    name: string;
    base: Record<string, unknown>;
    /** How the person's words arrive (Teams: with the <at>mention</at> in channels and group chats). */
    message(text: string): Record<string, unknown>;
    /** How a click on an Adaptive Card button arrives. */
    cardSubmit(answer: string): Record<string, unknown>;
}

export function conversationOn(url: string, shape: ChannelShape) {
    return {
        async say(activity: Record<string, unknown>): Promise<Partial<Activity>[]> {
            const reply = await postActivity(url, { ...shape.base, ...activity, id: randomUUID(), timestamp: new Date().toISOString(), deliveryMode: 'expectReplies' });
            if (reply.status !== 200) throw new Error(`${shape.name}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
            return reply.body.activities ?? [];
        }
    };
}

export const emulatorShape = (): ChannelShape => {
    const conversation = { id: randomUUID() };
    return {
        name: 'Emulator',
        base: {
            channelId: 'emulator',
            serviceUrl: 'http://localhost:55123',
            conversation,
            from: { id: 'r_emulator_user', name: 'User', role: 'user' },
            recipient: { id: 'emulator-bot', name: 'Bot', role: 'bot' },
            locale: 'en-US'
        },
        message: (text) => ({ type: 'message', text }),
        cardSubmit: (answer) => ({ type: 'message', value: { answer } })
    };
};

export const webChatShape = (): ChannelShape => ({
    name: 'Web Chat',
    base: {
        channelId: 'webchat',
        serviceUrl: 'https://webchat.botframework.com/',
        conversation: { id: `${randomUUID().replace(/-/g, '')}-in` },
        from: { id: 'dl_0f3c9a7e21b84d55', name: '' },
        recipient: { id: 'support-bot@abc', name: 'Support Bot' },
        locale: 'en-US'
    },
    message: (text) => ({ type: 'message', text, channelData: { clientActivityID: randomUUID() } }),
    // Web Chat sends a card button's data as `value`, with no text.
    cardSubmit: (answer) => ({ type: 'message', value: { answer, msteams: { type: 'imBack', value: answer } }, channelData: { clientActivityID: randomUUID() } })
});

export const teamsBotId = '28:8a3c1f0e-5b2d-4e7a-9c61-2f4b8d0e7a13';
export const teamsTenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function teamsShape(conversationType: 'personal' | 'groupChat' | 'channel'): ChannelShape {
    const bot = { id: teamsBotId, name: 'Support Bot' };
    const conversationId = {
        personal: `a:1${randomUUID().replace(/-/g, '')}`,
        groupChat: `19:${randomUUID().replace(/-/g, '')}@thread.v2`,
        channel: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2;messageid=1732550000000`
    }[conversationType];
    const mentioned = conversationType !== 'personal';
    const teamsText = (text: string) => (mentioned ? `<at>Support Bot</at> ${text}` : text);
    const mentionEntity = { type: 'mention', mentioned: bot, text: '<at>Support Bot</at>' };
    return {
        name: `Teams ${conversationType}`,
        base: {
            channelId: 'msteams',
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            conversation: { id: conversationId, conversationType, tenantId: teamsTenant, ...(conversationType === 'personal' ? {} : { isGroup: true }) },
            from: { id: '29:1kH4mGZ0dQ', name: 'Alex Example', aadObjectId: '6b1e0c4e-7d1a-4f0e-9a55-3f1d2c0b9e11' },
            recipient: bot,
            locale: 'en-GB',
            channelData: {
                tenant: { id: teamsTenant },
                ...(conversationType === 'channel' ? { team: { id: '19:teamGeneral@thread.tacv2' }, channel: { id: '19:teamGeneral@thread.tacv2' } } : {})
            }
        },
        // Teams sends typed words and imBack clicks alike as text, with the mention where there is one.
        message: (text) => ({ type: 'message', text: teamsText(text), textFormat: 'plain', ...(mentioned ? { entities: [mentionEntity] } : {}) }),
        cardSubmit: (answer) => ({ type: 'message', text: teamsText(answer), textFormat: 'plain', ...(mentioned ? { entities: [mentionEntity] } : {}) })
    };
}
