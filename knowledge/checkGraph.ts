// Checks what a schema cannot: that ids point somewhere, nothing is left unused, every symptom
// can be reached and every path through it ends in a fix to try and then an offer of a human.
import { conversationIntents, outOfScopeIntent, type Article, type IntentExamples, type Replies } from './schema';
import { answerCombinations, planSteps } from './planSteps';

type Checked = { articles: Article[]; intents: (IntentExamples & { file: string })[]; replies: Replies };

/** The placeholders each reply may use; any other {name} would reach a person unfilled. */
const replyPlaceholders: Record<string, string[]> = {
    confirmSymptom: ['confirm'],
    aboutSymptom: ['difficulty', 'cause'],
    notUnderstoodAnswer: ['options'],
    quoted: ['text'],
    'understanding.why': ['cause', 'causes'],
    'understanding.howHard': ['difficulty'],
    'understanding.howStep': ['instructions'],
    'understanding.seeAlso': ['title'],
    'understanding.newProblemOffer': ['other'],
    'understanding.newProblemNoted': ['other'],
    'understanding.switching': ['title'],
    'understanding.nextProblem': ['title'],
    'understanding.welcomeBack.resolved': ['symptom', 'step'],
    'understanding.welcomeBack.escalated': ['symptom'],
    'understanding.welcomeBack.other': ['symptom'],
    'stepCard.heading': ['number', 'total', 'title'],
    stepsExhausted: ['escalation'],
    disambiguate: ['first', 'second'],
    handoffSummaryTitle: ['symptom'],
    textTruncated: ['limit'],
    'handoff.queued': ['position'],
    'handoff.positionChanged': ['position'],
    'handoff.stillWaiting': ['position'],
    'handoff.offerMessageClosed': ['hours'],
    'handoff.agentJoined': ['agent'],
    'handoff.agentNewCustomer': ['summary', 'case'],
    'handoff.agentConnected': ['case'],
    'handoff.agentCaseTaken': ['agent', 'case'],
    'handoff.agentCaseNotWaiting': ['case'],
    'handoff.agentCustomerLeftChat': ['case'],
    'handoff.agentCustomerLeft': ['case'],
    'handoff.agentSays': ['agent', 'text'],
    'handoff.agentCard.title': ['case', 'problem'],
    'handoff.agentCard.stepAsked': ['step'],
    'handoff.agentReplySent': ['case'],
    'handoff.agentReplyNotDelivered': ['case'],
    'handoff.agentMessageDone': ['case'],
    'handoff.agentNoSuchMessage': ['case'],
    'handoff.agentEndedAs': ['disposition'],
    'handoff.agentTransferred': ['case', 'agent'],
    'handoff.agentTransferReceived': ['agent', 'case'],
    'handoff.customerTransferred': ['agent'],
    'handoff.agentTransferWho': ['agents'],
    'handoff.agentTransferNoSuchAgent': ['agent', 'agents'],
    'handoff.agentTransferAway': ['agent', 'case'],
    'handoff.agentTransferBusy': ['agent', 'case'],
    'handoff.agentTransferSelf': ['case'],
    'handoff.agentNoteKept': ['case'],
    'handoff.agentSwitched': ['case'],
    'handoff.agentSlaAlert': ['case', 'minutes', 'summary'],
    'handoff.agentNotYourChat': ['case'],
    'handoff.customerSaysInCase': ['case', 'text'],
    'handoff.agentCannedLine': ['command', 'title'],
    'handoff.agentNoSuchCanned': ['typed', 'ids'],
    'handoff.agentEndedAskDisposition': ['case', 'dispositions'],
    'handoff.agentDispositionRecorded': ['case', 'disposition'],
    'handoff.agentUnknownDisposition': ['typed', 'dispositions'],
    'handoff.agentCard.endAsButton': ['disposition'],
    'handoff.customerMessageAnswered': ['agent', 'text'],
    'handoff.agentCard.doneButton': ['case'],
    'handoff.agentCard.addedLine': ['time'],
    'handoff.agentCard.answerLine': ['agent', 'text'],
    'handoff.agentChatIdleClosed': ['case', 'minutes'],
    'handoff.chatIdleClosed': ['minutes'],
    'handoff.agentCard.step': ['number'],
    'handoff.agentCard.triedLine': ['steps'],
    'handoff.agentCard.historyLine': ['cases'],
    'handoff.agentCard.firstMessageLine': ['text'],
    'handoff.agentCard.acceptButton': ['case']
};

function checkArticle(article: Article, file: string, problems: string[]): void {
    const at = (path: string, message: string) => problems.push(`${file}: ${path}: ${message}`);
    const stepIds = new Set(article.steps.map((s) => s.id));
    const questionIds = new Set(article.questions.map((q) => q.id));
    const duplicates = (ids: string[]) => ids.filter((x, i) => ids.indexOf(x) !== i);
    for (const [kind, list] of [['steps', article.steps], ['questions', article.questions], ['symptoms', article.symptoms]] as const) {
        for (const dup of duplicates(list.map((x) => x.id))) at(kind, `id '${dup}' is used twice`);
    }

    article.symptoms.forEach((symptom, si) => {
        symptom.questions.forEach((q, qi) => {
            if (!questionIds.has(q)) at(`symptoms.${si}.questions.${qi}`, `no question has the id '${q}'`);
        });
        symptom.steps.forEach((s, ti) => {
            if (!stepIds.has(s)) at(`symptoms.${si}.steps.${ti}`, `no step has the id '${s}'`);
        });
        for (const dup of duplicates(symptom.steps)) at(`symptoms.${si}.steps`, `step '${dup}' is listed twice`);
        for (const dup of duplicates(symptom.questions)) at(`symptoms.${si}.questions`, `question '${dup}' is listed twice`);
        // An answer may only move or skip this symptom's own steps, or the plan would silently differ from the data.
        article.questions.forEach((question, qi) => {
            if (!symptom.questions.includes(question.id)) return;
            question.answers.forEach((answer, ai) => {
                for (const kind of ['skip', 'first'] as const) {
                    answer.effect[kind].forEach((s, ei) => {
                        if (!symptom.steps.includes(s)) {
                            at(`questions.${qi}.answers.${ai}.effect.${kind}.${ei}`, `step '${s}' is not one of the steps of symptom '${symptom.id}'`);
                        }
                    });
                }
            });
        });
        for (const answers of answerCombinations(article, symptom)) {
            if (planSteps(article, symptom, answers).length === 0) {
                const path = Object.entries(answers).map(([q, a]) => `${q}=${a}`).join(', ');
                at(`symptoms.${si}`, `answering ${path} leaves no fix step to try: every path needs at least one before the offer of a human`);
            }
        }
    });

    // What the digressions answer from: "why?" needs root causes, "how do I check?" at a question
    // needs a step whose instructions say how, "is this about X?" needs the words that name X.
    const rootCauseIds = new Set(article.rootCauses.map((c) => c.id));
    article.symptoms.forEach((symptom, si) => {
        symptom.rootCauses.forEach((c, ci) => {
            if (!rootCauseIds.has(c)) at(`symptoms.${si}.rootCauses.${ci}`, `no root cause has the id '${c}', so "why?" would have no answer`);
        });
    });
    const askedQuestions = new Set(article.symptoms.flatMap((s) => s.questions));
    article.questions.forEach((question, qi) => {
        if (askedQuestions.has(question.id) && !question.answers.some((a) => a.effect.first.length > 0)) {
            at(`questions.${qi}`, `no answer puts a step first, so "how do I check that?" would have no instructions to give: add effect.first to the answer that means it needs fixing`);
        }
    });

    const usedSteps = new Set(article.symptoms.flatMap((s) => s.steps));
    const usedQuestions = new Set(article.symptoms.flatMap((s) => s.questions));
    article.steps.forEach((s, i) => {
        if (!usedSteps.has(s.id)) at(`steps.${i}`, `step '${s.id}' is not used by any symptom`);
    });
    article.questions.forEach((q, i) => {
        if (!usedQuestions.has(q.id)) at(`questions.${i}`, `question '${q.id}' is not asked for any symptom`);
        for (const dup of duplicates(q.answers.map((a) => a.id))) at(`questions.${i}.answers`, `answer id '${dup}' is used twice`);
    });
}

function checkIntents({ articles, intents }: Checked, articleFiles: string[], intentsDir: string, problems: string[]): void {
    const symptomIds = articles.flatMap((a) => a.symptoms.map((s) => s.id));
    const known = new Set<string>([...symptomIds, ...conversationIntents, outOfScopeIntent]);
    const byName = new Map<string, string>();
    for (const examples of intents) {
        if (byName.has(examples.intent)) {
            problems.push(`${examples.file}: intent: '${examples.intent}' is also defined in ${byName.get(examples.intent)}`);
        }
        byName.set(examples.intent, examples.file);
        if (!known.has(examples.intent)) {
            problems.push(`${examples.file}: intent: '${examples.intent}' is neither a symptom id, a conversation intent (${conversationIntents.join(', ')}) nor '${outOfScopeIntent}'`);
        }
    }
    articles.forEach((article, ai) => {
        article.symptoms.forEach((s, si) => {
            if ((conversationIntents as readonly string[]).includes(s.id) || s.id === outOfScopeIntent) {
                problems.push(`${articleFiles[ai]}: symptoms.${si}.id: '${s.id}' is reserved for a conversation intent`);
            } else if (!byName.has(s.id)) {
                problems.push(`${articleFiles[ai]}: symptoms.${si}: symptom '${s.id}' cannot be reached: add ${intentsDir}/${s.id}.yaml with example utterances`);
            }
        });
    });
    for (const name of [...conversationIntents, outOfScopeIntent]) {
        if (!byName.has(name)) problems.push(`${intentsDir}: (folder): intent '${name}' has no examples: add ${intentsDir}/${name}.yaml`);
    }
    // The same words under two intents teach the classifier a contradiction.
    const seen = new Map<string, string>();
    for (const examples of intents) {
        examples.utterances.forEach((u, i) => {
            const key = u.toLowerCase().replace(/\s+/g, ' ');
            const other = seen.get(key);
            if (other && other !== examples.intent) {
                problems.push(`${examples.file}: utterances.${i}: "${u}" is also an example of '${other}'`);
            }
            seen.set(key, examples.intent);
        });
    }
}

function checkReplies(replies: Replies, file: string, problems: string[]): void {
    const visit = (value: unknown, path: string): void => {
        if (typeof value === 'string') {
            const allowed = replyPlaceholders[path] ?? [];
            for (const [, name] of value.matchAll(/\{(\w+)\}/g)) {
                if (!allowed.includes(name!)) {
                    problems.push(`${file}: ${path}: placeholder {${name}} is not filled here${allowed.length ? ` (available: ${allowed.map((a) => `{${a}}`).join(' ')})` : ''}`);
                }
            }
        } else if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
        }
    };
    visit(replies, '');
}

/** Returns every problem as `file: path.to.field: what is wrong`; empty when the graph is sound. */
export function checkKnowledgeGraph(knowledge: Checked, articleFiles: string[], intentsDir: string, repliesFile: string): string[] {
    const problems: string[] = [];
    knowledge.articles.forEach((a, i) => checkArticle(a, articleFiles[i] ?? 'knowledge/articles', problems));
    const symptomIds = knowledge.articles.flatMap((a) => a.symptoms.map((s) => s.id));
    for (const dup of symptomIds.filter((x, i) => symptomIds.indexOf(x) !== i)) {
        problems.push(`${articleFiles.join(', ')}: symptoms: symptom id '${dup}' is used by two articles`);
    }
    checkIntents(knowledge, articleFiles, intentsDir, problems);
    checkReplies(knowledge.replies, repliesFile, problems);
    return problems;
}
