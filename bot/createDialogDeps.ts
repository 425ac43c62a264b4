// Builds what the dialogs depend on from the knowledge base, the classifier and storage.
import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { CaseFile } from '../dialogs/caseFile';
import type { DialogDeps } from '../dialogs/dialogDeps';
import type { UserProfile } from '../dialogs/userProfile';
import type { Knowledge } from '../knowledge/load';
import type { FeedbackLog } from './feedback/feedbackLogs';
import type { IntentClassifier } from './nlu/intentClassifier';

export interface DialogHost {
    deps: DialogDeps;
    conversationState: ConversationState;
    userState: UserState;
}

export function createDialogDeps(
    knowledge: Knowledge,
    classifier: IntentClassifier,
    storage: Storage,
    feedback: FeedbackLog,
    requestHuman: DialogDeps['requestHuman']
): DialogHost {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    return {
        conversationState,
        userState,
        deps: {
            knowledge,
            classify: (text) => classifier.classify(text),
            caseFile: conversationState.createProperty<CaseFile>('caseFile'),
            userProfile: userState.createProperty<UserProfile>('userProfile'),
            feedback,
            requestHuman
        }
    };
}
