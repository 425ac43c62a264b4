// What the dialogs need from the host. The host (bot/) supplies real parts; tests supply the
// same parts with in-memory storage.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Classification } from '../bot/nlu/classification';
import type { Language } from '../knowledge/languages';
import type { Knowledge } from '../knowledge/load';
import type { QuestionKind, ReplyClassification } from '../knowledge/replyActs';
import type { CaseFile } from './caseFile';
import type { CaseSummary } from './caseSummary';
import type { FeedbackSink } from './feedbackRecord';
import type { UserProfile } from './userProfile';

export interface DialogDeps {
    /** The language these dialogs speak; the host picks the dialogs by the conversation's language. */
    language: Language;
    /** The content in that language. */
    knowledge: Knowledge;
    /** The content in the agents' language (the source language): what a handoff summary is written in. */
    agentKnowledge: Knowledge;
    classify(text: string): Classification;
    /** What a typed reply to a question of this kind means: its dialog act (bot/nlu/replyClassifier.ts). */
    classifyReply(text: string, kind: QuestionKind): ReplyClassification;
    caseFile: StatePropertyAccessor<CaseFile>;
    userProfile: StatePropertyAccessor<UserProfile>;
    feedback: FeedbackSink;
    /** Hands the conversation to people: an agent platform, the built-in desk, or both. */
    requestHuman(context: TurnContext, summary: CaseSummary): Promise<void>;
}
