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
  CaseState,
  CaseView,
  Decision,
  evolve,
  initialCaseState,
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

/** A decide step: the domain's answer for the state it is given. */
export type DecideStep = (state: CaseState, at: { now: Date; actor: Actor }) => Decision;

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
   * transaction), before the workflow hears back from the append: actions are validated against this.
   */
  decidedState: CaseState = initialCaseState;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly caseId: string) {}

  /** The view of the case (API.md's shape). */
  view(): CaseView {
    return toCaseView(this.state);
  }

  /**
   * Decides on the current state, appends the events (idempotent: the command id is the stream and
   * the version it was decided at, so a retried or replayed append is a no-op), then folds them in.
   * A refused decision throws the domain error as an ApplicationFailure and records nothing.
   */
  record(step: DecideStep, actor: Actor): Promise<CaseState> {
    const run = async (): Promise<CaseState> => {
      const decision = step(this.state, { now: new Date(), actor });
      if (!decision.ok) throw rejection(decision);
      if (decision.events.length === 0) return this.state;
      const expectedVersion = this.state.version;
      this.decidedState = decision.events.reduce(evolve, this.state);
      // Once decided, the append runs to its end even when the step that asked for it is cancelled:
      // an append cut off after it committed would leave the log ahead of the workflow.
      try {
        await CancellationScope.nonCancellable(() =>
          appendCaseEvents({
            streamId: this.caseId,
            expectedVersion,
            commandId: `${this.caseId}@${expectedVersion}`,
            events: decision.events,
          }),
        );
      } catch (error) {
        this.decidedState = this.state;
        throw error;
      }
      const before = this.state.status;
      this.state = this.decidedState;
      if (this.state.status !== before) this.publishSearchAttributes();
      return this.state;
    };
    const result = this.tail.then(run, run);
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
