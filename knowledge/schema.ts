// The shape of everything in knowledge/. Content authors edit YAML; these schemas are the
// contract the dialogs and the classifier rely on, and the only source of the types.
import { z } from 'zod';
import { languageSchema } from './languages';
import { replyActs } from './replyActs';

const id = z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case: lower-case letters, digits and underscores');
const text = z.string().trim().min(1, 'must not be empty');

/** The conversation intents the dialogs handle themselves; symptom intents come from articles. */
export const conversationIntents = [
    'greeting',
    'help',
    'cancel',
    'start_over',
    'human_agent',
    'thanks',
    'goodbye'
] as const;
export const outOfScopeIntent = 'none';

/** How a person can answer: the words that mean this answer when typed instead of clicked. */
export const answerSchema = z.strictObject({
    id,
    label: text,
    phrases: z.array(text).default([]),
    /** Also understood as these words of the shared vocabulary (default: the answer's id). */
    vocabulary: id.optional(),
    /** Reply acts that mean this answer when typed (default: `answerActs` of its vocabulary or id in replies.yaml). */
    acts: z.array(z.enum(replyActs)).default([])
});

/** What an answer to a diagnostic question changes in the plan of fix steps. */
export const answerEffectSchema = z.strictObject({
    /** Steps the person has in effect already done (for example, everything is up to date). */
    skip: z.array(id).default([]),
    /** Steps that the answer makes the most likely fix, given first in this order. */
    first: z.array(id).default([])
});

export const questionSchema = z.strictObject({
    id,
    /** The article passage the question comes from, so reviewers can trace it. */
    basis: text,
    prompt: text,
    /**
     * Words that name what the question asks about ("bluetooth", "wifi"): a clause of a reply that
     * names them and no other question's answers this question in its own words, so "bluetooth's
     * fine but the signal is rubbish" answers two questions (dialogs/answersInClauses.ts).
     */
    about: z.array(text).default([]),
    answers: z
        .array(
            answerSchema.extend({
                effect: answerEffectSchema.default({ skip: [], first: [] }),
                /** Words in the person's first message that already answer the question. */
                alreadySaid: z.array(text).default([])
            })
        )
        .min(2, 'a question needs at least two answers')
});

export const stepSchema = z.strictObject({
    id,
    title: text,
    /** The article's instructions for this step, in its own words. */
    instructions: text,
    /** Which part of the article the step is taken from. */
    basis: text,
    /** Steps where people handle their code get a reminder never to type it into the chat. */
    remindNotToShareCode: z.boolean().default(false)
});

export const symptomSchema = z.strictObject({
    /** Also the classifier intent that starts troubleshooting this symptom. */
    id,
    title: text,
    /** The menu button's label. */
    label: text,
    primarySuspect: text,
    /** The primary suspect in a customer's words, never as blame: "the code was entered slightly differently ...". */
    likelyCause: text,
    /** The article's root causes that explain this symptom, for "why?" (ids of rootCauses). */
    rootCauses: z.array(id).min(1, 'a symptom needs at least one root cause, so "why?" has an answer'),
    difficulty: z.number().int().min(1).max(5),
    /** How the bot checks it understood: "Sounds like your security code isn't being accepted." */
    confirm: text,
    questions: z.array(id),
    steps: z.array(id).min(1, 'a symptom needs at least one fix step')
});

export const rootCauseSchema = z.strictObject({
    id,
    title: text,
    advice: text,
    /** The cause as a customer would put it, for answering "why?". */
    inWords: text
});
/** A related article this bot does not cover; `mentions` are the words that show a person asks about it. */
export const seeAlsoSchema = z.strictObject({ title: text, mentions: z.array(text).min(1, 'a related article needs words that name its topic') });

export const articleSchema = z.strictObject({
    id,
    title: text,
    source: text,
    summary: text,
    rootCauses: z.array(rootCauseSchema).min(1),
    symptoms: z.array(symptomSchema).min(1),
    questions: z.array(questionSchema),
    steps: z.array(stepSchema).min(1),
    /** The article's last resort, offered with a human agent when the fixes run out. */
    escalation: z.strictObject({ basis: text, advice: text }),
    seeAlso: z.array(seeAlsoSchema).default([])
});

export const intentExamplesSchema = z.strictObject({
    intent: z.union([id, z.literal(outOfScopeIntent)]),
    /** What the intent means, for authors adding examples. */
    description: text,
    utterances: z.array(text).min(1)
});

/**
 * A lookup table: names the classifier treats as one feature (Rasa's lookup tables), so what
 * training teaches about a few of them holds for all. Written from general knowledge, not from
 * the training utterances, so cross-validation still measures names the examples never use.
 */
export const lookupSchema = z
    .strictObject({
        lookup: id,
        description: text,
        entries: z.array(text.regex(/[\p{L}\p{N}]/u, 'must contain a letter or a digit')).min(1),
        /**
         * Reply lexicons only: a reply that is nothing but one entry ("yes", "yep!") is told apart
         * from the same entry inside a longer reply ("yes done"), by a word of its own.
         */
        wholeReply: z.boolean().optional()
    })
    .superRefine((table, ctx) => {
        const seen = new Map<string, number>();
        table.entries.forEach((entry, i) => {
            const key = entry.toLowerCase().replace(/\s+/g, ' ');
            const first = seen.get(key);
            if (first === undefined) seen.set(key, i);
            else ctx.addIssue({ code: 'custom', path: ['entries', i], message: `repeats entries.${first} ('${entry}')` });
        });
    });

export type Answer = z.infer<typeof answerSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Symptom = z.infer<typeof symptomSchema>;
export type Article = z.infer<typeof articleSchema>;
export type IntentExamples = z.infer<typeof intentExamplesSchema>;
export type Lookup = z.infer<typeof lookupSchema>;

/** One answer the dialogs offer as a button and recognise when typed. */
const choiceSchema = answerSchema.omit({ id: true });

/**
 * Everything the bot says that is not article content. Placeholders in braces ({title}) are
 * filled by the dialogs; the checker verifies that each text uses only the ones it is given.
 */
export const repliesSchema = z.strictObject({
    botName: text,
    welcome: text,
    greeting: text,
    help: text,
    thanks: text,
    /** Said after the person asked for a language, in that language. */
    languageChosen: text,
    goodbye: text,
    menuPrompt: text,
    confirmSymptom: text,
    /** Given after the symptom is confirmed, as information: how hard, and the likely cause. */
    aboutSymptom: text,
    difficulty: z.strictObject({ easy: text, medium: text, hard: text }),
    notThisSymptom: text,
    earlyHelpOffer: text,
    stepCard: z.strictObject({ heading: text, codeReminder: text, question: text }),
    resolved: text,
    stepsExhausted: text,
    escalationDeclined: text,
    feedbackPrompt: text,
    feedbackThanks: text,
    disambiguate: text,
    rephrase: text,
    /** Instead of `rephrase` when the message is clearly about something else: asking again would not help. */
    outOfScope: text,
    fallbackOfferHuman: text,
    securityCodeWarning: text,
    cancelled: text,
    nothingToCancel: text,
    startOver: text,
    handoffStarted: text,
    /** Added to the hand-over words only when steps were tried, so the summary is never promised empty. */
    handoffTriedNote: text,
    handoffSummaryTitle: text,
    errorApology: text,
    textTruncated: text,
    /** The waiting room and the built-in agent desk: what customers and agents are told. */
    handoff: z.strictObject({
        queued: text,
        positionChanged: text,
        stillWaiting: text,
        leftQueue: text,
        offerMessageTimeout: text,
        /** With nobody listed as an agent: no transfer is announced, the person is told plainly. */
        nobodyOnDuty: text,
        /** After nobodyOnDuty or offerMessageClosed, when steps were tried. */
        triedAttached: text,
        offerMessageClosed: text,
        messageLeft: text,
        agentJoined: text,
        chatEnded: text,
        statusAccepted: text,
        statusFailed: text,
        statusCompleted: text,
        agentHelp: text,
        agentQueueEmpty: text,
        agentQueueHeading: text,
        agentNewCustomer: text,
        agentConnected: text,
        agentNotConnected: text,
        agentAlreadyConnected: text,
        agentEnded: text,
        agentCustomerLeft: text,
        agentAvailable: text,
        agentAway: text,
        agentCustomerLeftChat: text,
        agentChatIdleClosed: text,
        /** The suggested action a customer in a live chat gets to leave it; typing it counts too. */
        customerEndChatButton: text,
        /** An agent's words as the customer reads them. */
        agentSays: text,
        /** To whoever sent an attachment a live chat cannot carry; the other side gets the NotShown line. */
        attachmentNotPassedOn: text,
        customerAttachmentNotShown: text,
        agentAttachmentNotShown: text,
        customerLeftChat: text,
        chatIdleClosed: text,
        /** `accept <case>` for a case another agent has: who has it. */
        agentCaseTaken: text,
        /** `accept <case>` for a case no longer (or never) in the queue, such as a button on an old card. */
        agentCaseNotWaiting: text,
        agentMessagesEmpty: text,
        agentMessagesHeading: text,
        /** Heading of the card sent to available agents when a customer leaves a message. */
        agentMessageLeftHeading: text,
        agentReplySent: text,
        agentReplyNotDelivered: text,
        agentMessageDone: text,
        agentNoSuchMessage: text,
        /** Ending a chat with a disposition (knowledge/desk.yaml), or without one and then being asked for it. */
        agentEndedAs: text,
        agentEndedAskDisposition: text,
        agentDispositionRecorded: text,
        /** `transfer <agent>`: what each side is told, and why a transfer could not happen. */
        agentTransferred: text,
        agentTransferReceived: text,
        customerTransferred: text,
        agentTransferWho: text,
        agentTransferNoSuchAgent: text,
        agentTransferAway: text,
        agentTransferBusy: text,
        agentTransferSelf: text,
        /** In a list of agents, when it is empty. */
        agentNobodyAvailable: text,
        agentNoteKept: text,
        /** With several chats (HANDOFF_MAX_CHATS): `to <case>`, and a customer's words as their agent reads them. */
        agentSwitched: text,
        /** To available agents when a customer has waited past HANDOFF_SLA_MINUTES. */
        agentSlaAlert: text,
        agentNotYourChat: text,
        customerSaysInCase: text,
        /** Canned responses (knowledge/desk.yaml) as help and `canned` list them. */
        agentCannedHeading: text,
        agentCannedLine: text,
        agentNoSuchCanned: text,
        agentUnknownDisposition: text,
        messageAdded: text,
        messageClosed: text,
        /** An agent's answer to a left message, as the customer reads it. */
        customerMessageAnswered: text,
        /** Labels on the agent's cards; the commands behind the buttons stay queue/accept/end/messages. */
        agentCard: z.strictObject({
            /** The short case id agents type after "accept" (bot/handoff/caseLabel.ts). */
            case: text,
            problem: text,
            channel: text,
            reason: text,
            step: text,
            leavingMessage: text,
            /** In the one-line case summary on queue and message cards: the steps tried, and the person's first words. */
            triedLine: text,
            /** The person's earlier cases, in the one-line summary. */
            historyLine: text,
            firstMessageLine: text,
            queueButton: text,
            acceptNextButton: text,
            acceptButton: text,
            messagesButton: text,
            endButton: text,
            /** One button per disposition behind the End chat button. */
            endAsButton: text,
            dispositionHeading: text,
            /** Above what was said in a live chat, on the card an agent gets with a transfer. */
            saidHeading: text,
            notesHeading: text,
            doneButton: text,
            /** The case card's title, short. */
            title: text,
            customer: text,
            language: text,
            /** The name of each language the bot speaks, as the agent reads it: "German (de-DE)". */
            languageNames: z.record(languageSchema, text),
            opened: text,
            waited: text,
            /** Beside a problem the person never confirmed. */
            notConfirmed: text,
            conversation: text,
            /** How the card names a fix step the bot asked about, and the named questions by id. */
            stepAsked: text,
            asked: z.record(z.string(), text),
            /** On a left message: what the customer added after it, and the agents' answers. */
            addedLine: text,
            answerLine: text,
            notDelivered: text
        })
    }),
    notUnderstoodAnswer: text,
    /** How a label is quoted inside a sentence, with the language's own quotation marks. */
    quoted: text,
    /** Reading typed replies at a prompt: unclear, in progress, and the digressions. */
    understanding: z.strictObject({
        confirmWorked: text,
        takeYourTime: text,
        why: text,
        howHard: text,
        howStep: text,
        howNothingMore: text,
        seeAlso: text,
        newProblemOffer: text,
        newProblemUnknown: text,
        /** Before asking the open question again, when a reply answered other questions instead. */
        notedOtherAnswer: text,
        newProblemNoted: text,
        switching: text,
        nextProblem: text,
        oldButton: text,
        oldStepButton: text,
        welcomeBack: z.strictObject({ resolved: text, escalated: text, other: text }),
        commentPrompt: text,
        commentThanks: text
    }),
    answers: z.strictObject({
        confirm: z.strictObject({ yes: choiceSchema, no: choiceSchema }),
        step: z.strictObject({ worked: choiceSchema, notWorked: choiceSchema, alreadyTried: choiceSchema, cannotDo: choiceSchema }),
        escalate: z.strictObject({ yes: choiceSchema, no: choiceSchema }),
        earlyHelp: z.strictObject({ agent: choiceSchema, tryFixes: choiceSchema }),
        feedback: z.strictObject({ good: choiceSchema, bad: choiceSchema }),
        menu: z.strictObject({ somethingElse: choiceSchema }),
        stillWorking: z.strictObject({ worked: choiceSchema, notWorked: choiceSchema }),
        switchProblem: z.strictObject({ finishFirst: choiceSchema, switchNow: choiceSchema }),
        welcomeBack: z.strictObject({ same: choiceSchema, somethingElse: choiceSchema })
    }),
    /** The reply acts that mean an answer id of the shared vocabulary (yes: affirm), unless an answer lists its own. */
    answerActs: z.record(id, z.array(z.enum(replyActs))),
    /** Typed words for an answer id wherever an answer with that id is offered (yes, no, not_sure). */
    vocabulary: z.record(id, z.array(text))
});

export type Replies = z.infer<typeof repliesSchema>;
export type Choice = z.infer<typeof choiceSchema>;
