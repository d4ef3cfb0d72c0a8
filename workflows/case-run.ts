import {
  ApplicationFailure,
  CancellationScope,
  proxyActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { EventLogActivities } from '../activities/append-events.activity';
import { APPEND_REJECTED } from './failure-types';
import {
  Actor,
  applyDecision,
  CaseCommand,
  CaseEvent,
  CaseState,
  CaseView,
  decide,
  DecideContext,
  Decision,
  evolve,
  initialCaseState,
  toCaseEvent,
  toCaseView,
} from '../libs/domain/src';
import type { ActionRejectionDetails } from './after-sales-case.definitions';
import { CASE_STATUS_ATTRIBUTE, CASE_TYPE_ATTRIBUTE, MERCHANT_ID_ATTRIBUTE } from './search-attributes';

const { appendCaseEvents } = proxyActivities<EventLogActivities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [APPEND_REJECTED],
  },
});

/**
 * Decides commands one after the other, each on the state the one before leaves, as one decision
 * (the first refusal stands): facts learnt together go into the log together.
 */
function decideInSequence(
  state: CaseState,
  commands: readonly CaseCommand[],
  context: DecideContext,
): Decision {
  const events: CaseEvent[] = [];
  let decided = state;
  for (const command of commands) {
    const decision = decide(decided, command, context);
    if (!decision.ok) return decision;
    events.push(...decision.events);
    decided = applyDecision(decided, decision);
  }
  return { ok: true, events, duplicate: false };
}

/** The rejection of an action: an ApplicationFailure typed by the domain error code, naming the status. */
export function rejection(decision: Extract<Decision, { ok: false }>): ApplicationFailure {
  const { error } = decision;
  const details: ActionRejectionDetails = {
    currentStatus: error.currentStatus ?? 'NONE',
    ...(error.details ? { details: [...error.details] } : {}),
  };
  return ApplicationFailure.nonRetryable(error.message, error.code, details);
}

/**
 * The case as the workflow holds it: the fold of its events, and the single path through which new
 * events are recorded. Every change (the main flow, updates, signals) goes through `record`, one at a
 * time, so the log has one order and the expected version is always the one the decision saw.
 */
export class CaseRun {
  /** The fold of the events in the log. */
  state: CaseState = initialCaseState;
  /**
   * The fold of every event decided so far, including those whose append is still under way. The
   * outside world sees an event as soon as it is in the log (the read model is written in the same
   * transaction), before the workflow hears back from the append; and several actions may arrive in
   * one workflow task (after a reset, all those received since). Decisions and validators use this.
   */
  decidedState: CaseState = initialCaseState;
  /** Decided events whose append has not come back yet, in the order they were decided. */
  private readonly unlogged: CaseEvent[][] = [];
  private tail: Promise<unknown> = Promise.resolve();
  /** A refused append: the log and the workflow no longer agree, so nothing more is recorded. */
  private broken: unknown;

  constructor(private readonly caseId: string) {}

  /** The view of the case (API.md's shape). */
  view(): CaseView {
    return toCaseView(this.state);
  }

  /**
   * Decides the command (or the commands in sequence) at once on the decided state, then appends the events behind those decided before
   * (idempotent: the command id is the stream and the version it was decided at, so a retried or
   * replayed append is a no-op) and folds in what the log holds. A refused decision rejects with
   * the domain error as an ApplicationFailure and records nothing; a decision with nothing new
   * resolves once what was decided before it is in the log.
   */
  record(commands: CaseCommand | readonly CaseCommand[], actor: Actor): Promise<CaseState> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    const decision = decideInSequence(this.decidedState, [commands].flat(), { now: new Date(), actor });
    if (!decision.ok) return Promise.reject(rejection(decision));
    if (decision.events.length === 0) return this.tail.then(() => this.state);
    const events = decision.events;
    const expectedVersion = this.decidedState.version;
    this.decidedState = events.reduce(evolve, this.decidedState);
    this.unlogged.push(events);

    const append = async (): Promise<CaseState> => {
      if (this.broken !== undefined) throw this.broken;
      // Once decided, the append runs to its end even when the step that asked for it is cancelled:
      // an append cut off after it committed would leave the log ahead of the workflow.
      const result = await CancellationScope.nonCancellable(() =>
        appendCaseEvents({
          streamId: this.caseId,
          expectedVersion,
          commandId: `${this.caseId}@${expectedVersion}`,
          events,
        }),
      );
      this.unlogged.shift();
      const logged = result.loggedEvents?.map(toCaseEvent) ?? events;
      const before = this.state.status;
      this.state = logged.reduce(evolve, this.state);
      this.decidedState = this.unlogged.reduce((state, pending) => pending.reduce(evolve, state), this.state);
      if (this.state.status !== before) this.publishSearchAttributes();
      return this.state;
    };
    const result = this.tail.then(append).catch((error: unknown) => {
      this.broken ??= error;
      throw error;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private publishSearchAttributes(): void {
    const request = this.state.request;
    if (!this.state.status || !request) return;
    upsertSearchAttributes([
      { key: CASE_STATUS_ATTRIBUTE, value: this.state.status },
      { key: MERCHANT_ID_ATTRIBUTE, value: request.merchantId },
      { key: CASE_TYPE_ATTRIBUTE, value: request.type },
    ]);
  }
}
