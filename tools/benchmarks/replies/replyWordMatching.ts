// Today's reading of typed replies, as a baseline for the reply classifier: botbuilder's choice
// recognizer over the answers' synonyms in replies.yaml (dialogs/recognizeAnswer.ts), each answer
// mapped to the act it stands for. A reply no answer matches is refused: `other`.
import type { Choice } from 'botbuilder-dialogs';
import { choicesOf, questionChoices } from '../../../dialogs/answerChoices';
import { recognizeAnswer } from '../../../dialogs/recognizeAnswer';
import type { Knowledge } from '../../../knowledge/load';
import type { QuestionKind, ReplyAct } from '../../../knowledge/replyActs';

export function wordMatching(knowledge: Pick<Knowledge, 'articles' | 'replies'>): (text: string, kind: QuestionKind) => ReplyAct {
    const { replies } = knowledge;
    // Every diagnostic question offers Yes / No / Not sure with the shared vocabulary; the first stands for all.
    const question = knowledge.articles[0]!.questions[0]!;
    const sets: Record<QuestionKind, { choices: Choice[]; acts: Record<string, ReplyAct> }> = {
        yesNo: { choices: questionChoices(question.answers, replies), acts: { yes: 'affirm', no: 'deny', not_sure: 'unsure' } },
        stepOutcome: {
            choices: choicesOf(replies.answers.step, replies),
            acts: { worked: 'worked', notWorked: 'stillFailing', alreadyTried: 'alreadyTried', cannotDo: 'cannotDo' }
        },
        confirmSymptom: { choices: choicesOf(replies.answers.confirm, replies), acts: { yes: 'affirm', no: 'deny' } },
        feedback: { choices: choicesOf(replies.answers.feedback, replies), acts: { good: 'affirm', bad: 'deny' } }
    };
    return (text, kind) => {
        const found = recognizeAnswer(text, sets[kind].choices);
        return (found && sets[kind].acts[found.value]) ?? 'other';
    };
}
