// Walks one path of the knowledge graph through a real conversation, answering each prompt the
// way a person would (typing the button's label) and checking the bot asks what the knowledge
// says it should, in order. Every walk reports what it exercised for the path-coverage report.
import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { findSymptom } from '../../knowledge/lookup';
import { planSteps, type DiagnosticAnswers } from '../../knowledge/planSteps';
import type { Knowledge } from '../../knowledge/load';
import type { StepOutcome } from '../../dialogs/caseFile';
import { fillTemplate } from '../../dialogs/fillTemplate';
import { sourceLanguage } from '../../knowledge/languages';
import { knowledgeAndClassifier, startConversation, visibleText, type Conversation } from './conversationHarness';

export interface PathPlan {
    symptom: string;
    answers: DiagnosticAnswers;
    /** Outcomes for the planned steps, in order; a walk stops at the first 'worked'. */
    outcomes: StepOutcome[];
    /** When the steps run out: accept the offer of a human, or not. */
    acceptHuman: boolean;
}

export interface Exercised {
    answers: string[]; // "symptom/question=answer"
    outcomes: string[]; // "symptom/step=outcome"
}

/** Walks in the knowledge's own language: its labels are what a person there presses or types. */
export async function walkPath(
    knowledge: Knowledge,
    plan: PathPlan,
    conversation: Conversation = startConversation('test', new MemoryStorage(), { language: knowledge.language })
): Promise<Exercised> {
    const { article, symptom } = findSymptom(knowledge, plan.symptom);
    const { replies } = knowledge;
    const exercised: Exercised = { answers: [], outcomes: [] };
    // Typed words, not the menu label: the walk should go through the confirmation.
    const opening = knowledge.intents.find((i) => i.intent === symptom.id)!.utterances.find((u) => u.toLowerCase() !== symptom.label.toLowerCase())!;

    let reply = visibleText(await conversation.say(opening));
    expect(reply, `confirmation for ${symptom.id}`).to.include(symptom.confirm);
    reply = visibleText(await conversation.say(replies.answers.confirm.yes.label));
    if (symptom.difficulty >= 4) {
        expect(reply).to.include(replies.earlyHelpOffer);
        reply = visibleText(await conversation.say(replies.answers.earlyHelp.tryFixes.label));
    }
    for (const questionId of symptom.questions) {
        const question = article.questions.find((q) => q.id === questionId)!;
        const answer = question.answers.find((a) => a.id === plan.answers[questionId])!;
        expect(reply, `question ${questionId}`).to.include(question.prompt);
        reply = visibleText(await conversation.say(answer.label));
        exercised.answers.push(`${symptom.id}/${questionId}=${answer.id}`);
    }

    const steps = planSteps(article, symptom, plan.answers);
    for (const [index, stepId] of steps.entries()) {
        const step = article.steps.find((s) => s.id === stepId)!;
        expect(reply, `step ${index + 1} of ${steps.length}`).to.include(fillTemplate(replies.stepCard.heading, { number: index + 1, total: steps.length, title: step.title }));
        expect(reply).to.include(step.instructions);
        const outcome = plan.outcomes[index] ?? 'notWorked';
        reply = visibleText(await conversation.say(replies.answers.step[outcome].label));
        exercised.outcomes.push(`${symptom.id}/${stepId}=${outcome}`);
        if (outcome === 'worked') {
            expect(reply).to.include(replies.resolved);
            expect(reply).to.include(replies.feedbackPrompt);
            const records = await conversation.feedback.readAll();
            expect(records.at(-1)).to.include({ kind: 'case', symptom: symptom.id, outcome: 'resolved' });
            return exercised;
        }
    }

    expect(reply, 'offer of a human when the steps run out').to.include(article.escalation.advice);
    reply = visibleText(await conversation.say(plan.acceptHuman ? replies.answers.escalate.yes.label : replies.answers.escalate.no.label));
    const last = (await conversation.feedback.readAll()).at(-1);
    if (plan.acceptHuman) {
        expect(reply).to.include(replies.handoffStarted);
        // The summary is for the agent, so in the source language whatever the person spoke.
        const forAgent = findSymptom(knowledgeAndClassifier(sourceLanguage).knowledge, plan.symptom).article;
        expect(conversation.handoffs.at(-1)?.steps.map((s) => s.title)).to.deep.equal(steps.map((id) => forAgent.steps.find((s) => s.id === id)!.title));
        expect(conversation.handoffs.at(-1)).to.include({ language: knowledge.language });
        expect(last).to.include({ kind: 'case', outcome: 'escalated' });
    } else {
        expect(reply).to.include(replies.escalationDeclined);
        expect(last).to.include({ kind: 'case', outcome: 'declined' });
    }
    expect(last).to.have.property('steps').with.length(steps.length);
    return exercised;
}
