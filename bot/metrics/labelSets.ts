// Every Prometheus label value comes from a closed set, so the number of series is fixed when the
// bot starts and nothing a client sends becomes a label: a client picks `activity.type`, and
// 20,000 made-up types once made /metrics 98 MB and put any string (an e-mail too) into it.
// A value outside its set is counted under `other`.
import { ActivityTypes } from 'botbuilder';
import type { Band } from '../../dialogs/confidenceBands';
import type { Knowledge } from '../../knowledge/load';
import { conversationIntents, outOfScopeIntent } from '../../knowledge/schema';

/** The label value for anything outside a set. */
export const otherLabel = 'other';

export class LabelSet {
    private readonly values: ReadonlySet<string>;

    constructor(values: Iterable<string>) {
        this.values = new Set(values);
    }

    /** The value itself when it is in the set, else `other`. */
    of(value: string | undefined): string {
        return value !== undefined && this.values.has(value) ? value : otherLabel;
    }

    has(value: string): boolean {
        return this.values.has(value);
    }

    get size(): number {
        return this.values.size;
    }
}

/** The Bot Framework's activity types (botframework-schema's ActivityTypes). */
export const activityTypeLabels = new LabelSet(Object.values(ActivityTypes));

export const bandLabels = new LabelSet(['high', 'medium', 'low', 'ambiguous'] satisfies Band[]);

/** What the knowledge base can produce: intents, symptoms and each symptom's fix steps. */
export interface KnowledgeLabels {
    intents: LabelSet;
    symptoms: LabelSet;
    stepsOf(symptom: string): LabelSet;
}

export function knowledgeLabels(knowledge: Knowledge | undefined, noSymptom: string): KnowledgeLabels {
    const symptoms = knowledge?.articles.flatMap((a) => a.symptoms) ?? [];
    const steps = new Map(symptoms.map((s) => [s.id, new LabelSet(s.steps)]));
    const noSteps = new LabelSet([]);
    return {
        intents: new LabelSet([...conversationIntents, outOfScopeIntent, ...(knowledge?.intents.map((i) => i.intent) ?? []), ...symptoms.map((s) => s.id)]),
        symptoms: new LabelSet([...symptoms.map((s) => s.id), noSymptom]),
        stepsOf: (symptom) => steps.get(symptom) ?? noSteps
    };
}
