// knowledge/replyActs/ as training data: for each kind of question, the example replies that can
// answer it (an example's own `kinds`, or else its act's) and the acts it allows.
import type { Knowledge } from '../../knowledge/load';
import { questionKinds, type QuestionKind, type ReplyAct } from '../../knowledge/replyActs';

export interface ReplyExample {
    text: string;
    act: ReplyAct;
    kinds: QuestionKind[];
}

export function replyExamples(knowledge: Pick<Knowledge, 'replyActs'>): ReplyExample[] {
    return knowledge.replyActs.flatMap((file) =>
        file.examples.map((e) => (typeof e === 'string' ? { text: e, act: file.act, kinds: [...file.kinds] } : { text: e.text, act: file.act, kinds: [...e.kinds] }))
    );
}

/** The acts a reply can have after each kind of question, from the act files' `kinds`. */
export function actsByKind(knowledge: Pick<Knowledge, 'replyActs'>): Record<QuestionKind, ReplyAct[]> {
    const acts = Object.fromEntries(questionKinds.map((kind) => [kind, [] as ReplyAct[]])) as Record<QuestionKind, ReplyAct[]>;
    for (const file of knowledge.replyActs) for (const kind of file.kinds) acts[kind].push(file.act);
    return acts;
}
