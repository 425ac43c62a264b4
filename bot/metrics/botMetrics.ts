// The bot's Prometheus metrics, in a registry of their own (so tests and several bots in one
// process never share counters), with Node's default process metrics beside them.
//
// Three sources feed them, each wired with one line in startBot (see index.ts):
//   - TurnMetricsMiddleware, around every turn: turns, turn latency, intents and confidence bands;
//   - MeteredFeedbackSink, around the feedback log: cases by outcome, fix steps, ratings, fallbacks,
//     replies to the bot's questions;
//   - meteredRequestHuman, around the handoff: handoffs by reason.
// Case and step counters move when a case closes, from the same records `npm run report` reads,
// so a dashboard and the report always agree. Every label value passes through a closed set
// (labelSets.ts): the series are fixed at start, whatever clients send.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { caseOutcomes } from '../../dialogs/caseFile';
import { handoffReasons } from '../../dialogs/handoffDialog';
import { feedbackRatings, type FeedbackRecord } from '../../dialogs/feedbackRecord';
import type { Knowledge } from '../../knowledge/load';
import type { DeskOccupancy } from '../handoff/agentDesk';
import { replyMetricLabels } from '../report/replyQuestions';
import { givenStepOutcomes, stepsGiven, type GivenStepOutcome } from '../report/stepsGiven';
import { activityTypeLabels, bandLabels, knowledgeLabels, LabelSet, type KnowledgeLabels } from './labelSets';

/** Turn latency buckets (seconds): fine below 50 ms, where a turn on the embedded store lands. */
export const turnLatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label for a case with no identified symptom (an escalation before the problem was named). */
export const noSymptom = 'none';

const handoffReasonLabels = new LabelSet(handoffReasons);
const caseOutcomeLabels = new LabelSet(caseOutcomes);
const ratingLabels = new LabelSet(feedbackRatings);
const stepOutcomeLabels = new LabelSet(givenStepOutcomes);

export interface BotMetricsOptions {
    /**
     * Lets the step counters name the step a person abandoned (see report/stepsGiven.ts) and
     * starts every known (symptom, step) series at 0, so dashboards show steps never reached.
     */
    knowledge?: Knowledge;
    /** Node's process metrics (memory, CPU, event-loop lag, GC); default true. */
    defaultMetrics?: boolean;
}

export class BotMetrics {
    readonly registry = new Registry();
    private readonly knowledge: Knowledge | undefined;
    private readonly labels: KnowledgeLabels;

    readonly turns: Counter<'type'>;
    readonly turnErrors: Counter<'type'>;
    readonly turnSeconds: Histogram<'type'>;
    readonly intents: Counter<'intent' | 'band'>;
    readonly fallbacks: Counter;
    readonly handoffs: Counter<'reason'>;
    readonly cases: Counter<'outcome' | 'symptom'>;
    readonly stepsTried: Counter<'symptom' | 'step'>;
    readonly stepOutcomes: Counter<'symptom' | 'step' | 'outcome'>;
    readonly ratings: Counter<'rating'>;
    readonly replies: Counter<'question' | 'understood' | 'digression'>;

    constructor(options: BotMetricsOptions = {}) {
        this.knowledge = options.knowledge;
        this.labels = knowledgeLabels(options.knowledge, noSymptom);
        const registers = [this.registry];
        if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });

        this.turns = new Counter({ name: 'bot_turns_total', help: 'Turns the bot ran, by activity type.', labelNames: ['type'], registers });
        this.turnErrors = new Counter({
            name: 'bot_turn_errors_total',
            help: 'Turns that failed with an error (the person got the apology), by activity type.',
            labelNames: ['type'],
            registers
        });
        this.turnSeconds = new Histogram({
            name: 'bot_turn_duration_seconds',
            help: 'Time from the turn entering the middleware pipeline to its replies and state being done, by activity type.',
            labelNames: ['type'],
            buckets: turnLatencyBuckets,
            registers
        });
        this.intents = new Counter({
            name: 'bot_intents_total',
            help:
                'Messages the classifier read, by top intent and confidence band (high, medium, low, ambiguous). ' +
                'Band low includes answers to the bot\'s own questions ("Yes", "Not sure"), which the prompts understand but the intent classifier does not.',
            labelNames: ['intent', 'band'],
            registers
        });
        this.fallbacks = new Counter({
            name: 'bot_fallbacks_total',
            help: 'Messages the router could not place (confidence band low at the top level): the bot asked to rephrase, showed the menu or offered a human.',
            registers
        });
        this.handoffs = new Counter({ name: 'bot_handoffs_total', help: 'Hand-overs to a human, by reason.', labelNames: ['reason'], registers });
        this.cases = new Counter({
            name: 'bot_cases_total',
            help: 'Cases closed, by outcome (resolved, escalated, declined, abandoned) and symptom. A conversation can hold several cases.',
            labelNames: ['outcome', 'symptom'],
            registers
        });
        this.stepsTried = new Counter({
            name: 'bot_fix_steps_tried_total',
            help: 'Fix steps given to people, counted when the case closes: the sum of bot_fix_step_outcomes_total over outcome.',
            labelNames: ['symptom', 'step'],
            registers
        });
        this.stepOutcomes = new Counter({
            name: 'bot_fix_step_outcomes_total',
            help: 'How given fix steps ended: worked, notWorked, alreadyTried, cannotDo, or abandoned (the case was abandoned while the step was open).',
            labelNames: ['symptom', 'step', 'outcome'],
            registers
        });
        this.ratings = new Counter({ name: 'bot_feedback_ratings_total', help: 'Feedback ratings, by rating.', labelNames: ['rating'], registers });
        this.replies = new Counter({
            name: 'bot_replies_total',
            help:
                "Replies to the bot's questions: question (a diagnostic question or fix step id from the knowledge, or menu, disambiguation, confirmSymptom, " +
                'earlyHelp, escalate, feedback; anything else other), understood (button, text, confirmed, refused, digression) and digression ' +
                '(why, howHard, how, newProblem, correction, seeAlso; none when not a digression). refused is what a person met as "not understood".',
            labelNames: ['question', 'understood', 'digression'],
            registers
        });

        this.startKnownSeries();
    }

    /** Every series a dashboard should see, at 0 until it moves. */
    private startKnownSeries(): void {
        for (const reason of handoffReasons) this.handoffs.inc({ reason }, 0);
        for (const rating of feedbackRatings) this.ratings.inc({ rating }, 0);
        const symptoms = this.knowledge?.articles.flatMap((a) => a.symptoms) ?? [];
        for (const outcome of caseOutcomes) {
            for (const symptom of [...symptoms.map((s) => s.id), noSymptom]) this.cases.inc({ outcome, symptom }, 0);
        }
        for (const symptom of symptoms) {
            for (const step of symptom.steps) {
                this.stepsTried.inc({ symptom: symptom.id, step }, 0);
                for (const outcome of givenStepOutcomes) this.stepOutcomes.inc({ symptom: symptom.id, step, outcome }, 0);
            }
        }
    }

    /** One finished turn; `understanding` is what the dialogs made of its message, if they read one. */
    recordTurn(type: string, seconds: number, failed: boolean, understanding?: { intent: string; band: string }): void {
        const typeLabel = activityTypeLabels.of(type);
        this.turns.inc({ type: typeLabel });
        this.turnSeconds.observe({ type: typeLabel }, seconds);
        if (failed) this.turnErrors.inc({ type: typeLabel });
        if (understanding) this.intents.inc({ intent: this.labels.intents.of(understanding.intent), band: bandLabels.of(understanding.band) });
    }

    recordHandoff(reason: string): void {
        this.handoffs.inc({ reason: handoffReasonLabels.of(reason) });
    }

    /** A feedback record as it was written: cases, fix steps, ratings, fallbacks and replies to questions. */
    recordFeedback(record: FeedbackRecord): void {
        switch (record.kind) {
            case 'case': {
                const symptom = this.labels.symptoms.of(record.symptom ?? noSymptom);
                this.cases.inc({ outcome: caseOutcomeLabels.of(record.outcome), symptom });
                for (const step of stepsGiven(record, this.knowledge)) this.recordStep(symptom, step.id, step.outcome);
                return;
            }
            case 'rating':
                this.ratings.inc({ rating: ratingLabels.of(record.rating) });
                return;
            case 'unrecognised':
                // Written by the router's fallback ladder, once for each message it could not place.
                this.fallbacks.inc();
                return;
            case 'reply':
                // Labels from closed sets only: a client's text never becomes a series.
                this.replies.inc(replyMetricLabels(record, this.knowledge));
                return;
        }
    }

    private recordStep(symptom: string, step: string, outcome: GivenStepOutcome): void {
        const stepLabel = this.labels.stepsOf(symptom).of(step);
        this.stepsTried.inc({ symptom, step: stepLabel });
        this.stepOutcomes.inc({ symptom, step: stepLabel, outcome: stepOutcomeLabels.of(outcome) });
    }

    /** The Prometheus text exposition of every metric. */
    /**
     * Queue depth and agent availability, read from the desk's shared document at each scrape, so
     * every instance reports the same desk.
     */
    watchDesk(occupancy: () => Promise<DeskOccupancy>): void {
        const registers = [this.registry];
        let latest: Promise<DeskOccupancy> | undefined;
        // One desk read per scrape serves both gauges.
        const read = () => (latest ??= occupancy().finally(() => setImmediate(() => (latest = undefined))));
        new Gauge({
            name: 'bot_handoff_customers',
            help: 'Customers on the agent desk now: waiting for an agent, or asked to leave a message (timed out or out of hours).',
            labelNames: ['state'],
            registers,
            async collect() {
                const now = await read();
                this.set({ state: 'waiting' }, now.waiting);
                this.set({ state: 'leavingMessage' }, now.leavingMessage);
            }
        });
        new Gauge({
            name: 'bot_handoff_agents',
            help: 'Listed agents the bot has heard from, by status: available (told about new customers), away, or inChat.',
            labelNames: ['status'],
            registers,
            async collect() {
                const now = await read();
                for (const status of ['available', 'away', 'inChat'] as const) this.set({ status }, now[status]);
            }
        });
    }

    scrape(): Promise<string> {
        return this.registry.metrics();
    }

    get contentType(): string {
        return this.registry.contentType;
    }
}
