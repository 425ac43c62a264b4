// Builds what the dialogs depend on, once per language the bot speaks: each language has its own
// content and classifiers, and all of them share one conversation and user state, so a
// conversation that changes language keeps its place.
import type { ConversationState, Storage, UserState } from 'botbuilder';
import { OptimisticConversationState, OptimisticUserState } from './storage/optimisticState';
import type { CaseFile } from '../dialogs/caseFile';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { UserProfile } from '../dialogs/userProfile';
import { perLanguage, sourceLanguage, type Language } from '../knowledge/languages';
import type { Knowledge } from '../knowledge/load';
import type { FeedbackLog } from './feedback/feedbackLogs';
import type { IntentClassifier } from './nlu/intentClassifier';
import type { ReplyClassifier } from './nlu/replyClassifier';

/** One language's content and the classifiers trained on it. */
export interface LanguageParts {
    knowledge: Knowledge;
    classifier: IntentClassifier;
    replyClassifier: ReplyClassifier;
}

export interface DialogHost {
    deps: Record<Language, DialogDeps>;
    conversationState: ConversationState;
    userState: UserState;
}

export function createDialogDeps(
    parts: Record<Language, LanguageParts>,
    storage: Storage,
    feedback: FeedbackLog,
    requestHuman: DialogDeps['requestHuman']
): DialogHost {
    // Saves carry the eTag they read, so a turn that raced another instance fails and is re-run.
    const conversationState = new OptimisticConversationState(storage);
    const userState = new OptimisticUserState(storage);
    const caseFile = conversationState.createProperty<CaseFile>('caseFile');
    const userProfile = userState.createProperty<UserProfile>('userProfile');
    const depsFor = (language: Language): DialogDeps => {
        const { knowledge, classifier, replyClassifier } = parts[language];
        return {
            language,
            knowledge,
            agentKnowledge: parts[sourceLanguage].knowledge,
            classify: (text) => classifier.classify(text),
            classifyReply: (text, kind) => replyClassifier.classify(text, kind),
            caseFile,
            userProfile,
            feedback,
            requestHuman
        };
    };
    return {
        conversationState,
        userState,
        deps: perLanguage(depsFor)
    };
}
