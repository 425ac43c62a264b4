// Builds what the dialogs depend on from the knowledge base, the classifier and storage.
import type { ConversationState, Storage, UserState } from 'botbuilder';
import { OptimisticConversationState, OptimisticUserState } from './storage/optimisticState';
import type { CaseFile } from '../dialogs/caseFile';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { UserProfile } from '../dialogs/userProfile';
import type { Knowledge } from '../knowledge/load';
import type { FeedbackLog } from './feedback/feedbackLogs';
import type { IntentClassifier } from './nlu/intentClassifier';
import type { ReplyClassifier } from './nlu/replyClassifier';

export interface DialogHost {
    deps: DialogDeps;
    conversationState: ConversationState;
    userState: UserState;
}

export function createDialogDeps(
    knowledge: Knowledge,
    classifier: IntentClassifier,
    replyClassifier: ReplyClassifier,
    storage: Storage,
    feedback: FeedbackLog,
    requestHuman: DialogDeps['requestHuman']
): DialogHost {
    // Saves carry the eTag they read, so a turn that raced another instance fails and is re-run.
    const conversationState = new OptimisticConversationState(storage);
    const userState = new OptimisticUserState(storage);
    return {
        conversationState,
        userState,
        deps: {
            knowledge,
            classify: (text) => classifier.classify(text),
            classifyReply: (text, kind) => replyClassifier.classify(text, kind),
            caseFile: conversationState.createProperty<CaseFile>('caseFile'),
            userProfile: userState.createProperty<UserProfile>('userProfile'),
            feedback,
            requestHuman
        }
    };
}
