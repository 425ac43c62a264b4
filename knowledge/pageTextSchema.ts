// The texts of the pages the server writes itself: the Web Chat page (knowledge/webChatPage.yaml)
// and the privacy and terms pages (knowledge/legalPages.yaml), one file per language. A text may
// hold {placeholders}, which the page fills in; each language must use the same ones.
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');

export const webChatPageTextsSchema = z.strictObject({
    /** Under the title while the chat works. */
    status: text,
    /** The status once the chat cannot be reached. */
    statusOffline: text,
    /** The status of a signed-in agent; {agent} is their name. */
    statusAgent: text.regex(/\{agent\}/, 'must say who is signed in: {agent}'),
    signOut: text,
    signOutTitle: text,
    restart: text,
    restartTitle: text,
    /** The name of the chat region for screen readers; {brand} is BRAND_NAME. */
    chatLabel: text,
    problemHeading: text,
    retry: text,
    /** The line under the chat. */
    notice: text,
    /** What the page says when the Web Chat script did not load. */
    componentMissing: text,
    /** What the page says for the token route's errors, by their code; {seconds} is the Retry-After. */
    errors: z.strictObject({
        TooManyRequests: text,
        DirectLineUnavailable: text
    })
});

/** The stores of STORAGE, as the privacy page names them. */
const storesSchema = z.strictObject({ file: text, memory: text, blobs: text, cosmos: text });

export const legalPagesTextsSchema = z.strictObject({
    privacy: z.strictObject({
        title: text,
        intro: text,
        securityCodesHeading: text,
        securityCodes: text,
        storedHeading: text,
        /** {days} is TRANSCRIPT_RETENTION_DAYS. */
        stored: z.array(text).min(1),
        /** Listed with the rest only when Application Insights is on. */
        telemetry: text,
        /** {store} is one of stores. */
        storedWhere: text,
        stores: storesSchema,
        deletingHeading: text,
        /** {command} is the deletion command, shown as code. */
        deleting: text
    }),
    terms: z.strictObject({
        title: text,
        intro: text,
        /** {privacyLink} is a link to /privacy reading privacyLinkText. */
        items: z.array(text).min(1),
        privacyLinkText: text
    })
});

export type WebChatPageTexts = z.infer<typeof webChatPageTextsSchema>;
export type LegalPagesTexts = z.infer<typeof legalPagesTextsSchema>;
