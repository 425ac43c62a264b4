// TEMPORARY, until the loader reads knowledge/de/ (issue 19): the German reply classifier's
// knowledge, i.e. knowledge/de/replyActs/, knowledge/de/replyLexicon/ and
// knowledge/de/replyMarking.yaml, read with the English schemas. Replace with the German loader's
// Knowledge when it lands.
import { join } from 'node:path';
import { defaultKnowledgeDir, KnowledgeError, loadReplyMarking, readFile, yamlFiles, type Knowledge } from './load';
import { replyActExamplesSchema } from './replyActSchema';
import { replyActs } from './replyActs';
import { lookupSchema } from './schema';

export type ReplyKnowledge = Pick<Knowledge, 'replyActs' | 'replyLexicon' | 'replyMarking'>;

export function loadGermanReplyKnowledge(dir: string = join(defaultKnowledgeDir, 'de')): ReplyKnowledge {
    const problems: string[] = [];
    const replyActFiles = yamlFiles(join(dir, 'replyActs'));
    const loaded = replyActFiles.flatMap((f) => {
        const examples = readFile(f, replyActExamplesSchema, f, problems);
        return examples ? [{ ...examples, file: f }] : [];
    });
    const missing = replyActs.filter((act) => !loaded.some((file) => file.act === act));
    if (problems.length === 0 && missing.length > 0) problems.push(`${join(dir, 'replyActs')}: (folder): no examples for the act(s) ${missing.join(', ')}: add a file for each`);
    const replyLexicon = yamlFiles(join(dir, 'replyLexicon')).flatMap((f) => readFile(f, lookupSchema, f, problems) ?? []);
    if (problems.length > 0) throw new KnowledgeError(problems);
    return { replyActs: loaded, replyLexicon, replyMarking: loadReplyMarking(dir) };
}
