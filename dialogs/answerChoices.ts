// Turns the answers in knowledge/ into botbuilder Choices: the label is the button, the
// phrases and the shared vocabulary are what a person may type instead.
import type { Choice } from 'botbuilder-dialogs';
import type { Answer, Choice as KnowledgeChoice, Replies } from '../knowledge/schema';

export function toChoice(value: string, answer: KnowledgeChoice, replies: Replies): Choice {
    const synonyms = [...answer.phrases, ...(replies.vocabulary[answer.vocabulary ?? value] ?? [])];
    return { value, action: { type: 'imBack', title: answer.label, value: answer.label }, synonyms };
}

/** A fixed answer set from replies.yaml, such as the four step outcomes, in its written order. */
export function choicesOf<K extends string>(set: Record<K, KnowledgeChoice>, replies: Replies): Choice[] {
    return (Object.entries(set) as [K, KnowledgeChoice][]).map(([value, answer]) => toChoice(value, answer, replies));
}

export function questionChoices(answers: Answer[], replies: Replies): Choice[] {
    return answers.map((a) => toChoice(a.id, a, replies));
}
