// What passes between a customer and an agent in a live chat: the words, and the pictures a chat
// carries inline. Attachments that are links to files elsewhere are not passed on: a URL a client
// chose would make the other side's client fetch it (a tracking or phishing link), and a channel's
// own file links open only with that channel's credentials. The sender is told instead, and the
// other side sees that something could not be shown, so nothing vanishes without a word.
import type { Activity, Attachment } from 'botbuilder';

const inlineImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

export interface RelayedMessage {
    text: string;
    attachments: Attachment[];
    /** How many attachments could not be passed on. */
    dropped: number;
}

export function relayedMessage(activity: Partial<Activity>): RelayedMessage {
    const attachments: Attachment[] = [];
    let dropped = 0;
    for (const a of activity.attachments ?? []) {
        // Teams repeats the message's own text as an HTML attachment.
        if (a.contentType === 'text/html') continue;
        if (typeof a.contentUrl === 'string' && inlineImage.test(a.contentUrl) && a.contentType?.startsWith('image/')) {
            attachments.push({ contentType: a.contentType, contentUrl: a.contentUrl });
        } else dropped++;
    }
    return { text: (activity.text ?? '').trim(), attachments, dropped };
}
