import {
  ApplicationFailure,
  CancellationScope,
  patched,
  proxyActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { EventLogActivities } from '../activities/append-events.activity';
import { APPEND_REJECTED } from '../libs/definitions/src';
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
import { CASE_PATCHES } from './case-patches';
import { CommandIds } from './command-ids';
import { endOfActivation } from './end-of-activation';
import { CASE_STATUS_ATTRIBUTE, CASE_TYPE_ATTRIBUTE, MERCHANT_ID_ATTRIBUTE } from './search-attributes';

/** What the log answers to an append of several commands. */
type AppendCommandsResult = Awaited<ReturnType<EventLogActivities['appendCaseCommands']>>;

const { appendCaseCommands, appendCaseEvents, readCaseEvents } = proxyActivities<EventLogActivities>({
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

/** An action decided and not yet in the log: what decided it (to decide it again), its id, its events, its caller. */
interface PendingAction {
  readonly commands: readonly CaseCommand[];
  readonly context: DecideContext;
  readonly commandId: string;
  events: CaseEvent[];
  readonly resolve: (state: CaseState) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The case as the workflow holds it: the fold of its events, and the single path through which new
 * events are recorded. Every change (the main flow, updates, signals) goes through `record`; what one
 * workflow task decides leaves in one append, appends run one at a time, so the log has one order
 * and each append's expected version is the one its decisions saw.
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
  /** Decided events appended one command at a time (histories recorded before command batches). */
  private readonly unlogged: CaseEvent[][] = [];
  /** Actions decided and waiting for the next append, in the order they were decided. */
  private queued: PendingAction[] = [];
  /** Actions of the append under way. */
  private inFlight: readonly PendingAction[] = [];
  private flushing = false;
  private tail: Promise<unknown> = Promise.resolve();
  /** A refused append: the log and the workflow no longer agree, so nothing more is recorded. */
  private broken: unknown;
  private readonly commandIds: CommandIds;

  /**
   * @param requestedAt when the API received the request (the start input's `requestedAt`): the
   * request is decided at that time, so a run reset to its start decides it as the first run did.
   */
  constructor(
    private readonly caseId: string,
    private readonly requestedAt?: string,
  ) {
    this.commandIds = new CommandIds(caseId);
  }

  /** The view of the case (API.md's shape). */
  view(): CaseView {
    return toCaseView(this.state);
  }

  /**
   * Decides the command (or the commands in sequence) at once on the decided state, and resolves
   * once its events are in the log, with the state folded from what the log stored. A refused
   * decision rejects with the domain error as an ApplicationFailure and records nothing; a decision
   * with nothing new resolves once what was decided before it is in the log.
   */
  record(commands: CaseCommand | readonly CaseCommand[], actor: Actor): Promise<CaseState> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    const list = [commands].flat();
    const context: DecideContext = { now: this.decisionTime(list), actor };
    const decision = decideInSequence(this.decidedState, list, context);
    if (!decision.ok) {
      return this.decidedState.version === 0 && patched(CASE_PATCHES.commandBatches)
        ? this.refuseUnlessLogged(decision)
        : Promise.reject(rejection(decision));
    }
    if (decision.events.length === 0) return this.tail.then(() => this.state);
    if (!patched(CASE_PATCHES.commandBatches)) return this.recordAlone(decision.events);
    return new Promise<CaseState>((resolve, reject) => {
      const commandId = this.commandIds.next(list);
      this.queued.push({ commands: list, context, commandId, events: decision.events, resolve, reject });
      this.decidedState = decision.events.reduce(evolve, this.decidedState);
      this.startFlushing();
    });
  }

  /**
   * The workflow's clock; for the request, when the API received it (the start input's `requestedAt`),
   * so a run reset to its start decides it as the first run did. Inputs from before `requestedAt` keep
   * the task's clock: the log's request stands for them (the events it stored, or the case it holds
   * when the request is refused now).
   */
  private decisionTime(commands: readonly CaseCommand[]): Date {
    const request = commands.some((command) => command.type === 'REQUEST_CASE');
    // The patch is asked for every request, whether or not the input carries the time (histories since hold its marker).
    if (!request || !patched(CASE_PATCHES.requestTime) || this.requestedAt === undefined) return new Date();
    return new Date(this.requestedAt);
  }

  /**
   * A refusal before anything is known of the case may come from a run reset to its start that
   * decides again on facts that have changed since: the log, when it holds the case, stands and
   * the run goes on from it; otherwise the refusal stands.
   */
  private refuseUnlessLogged(refused: Extract<Decision, { ok: false }>): Promise<CaseState> {
    const learnt = this.tail.then(async () => {
      const logged = await CancellationScope.nonCancellable(() =>
        readCaseEvents({ streamId: this.caseId, afterVersion: this.state.version }),
      );
      if (logged.length === 0) throw rejection(refused);
      this.fold(logged.map(toCaseEvent));
      this.decidedState = this.foldPending();
      return this.state;
    });
    this.tail = learnt.catch(() => undefined);
    return learnt;
  }

  /** Sends what is queued once the current activation has run all its jobs, then whatever queues meanwhile. */
  private startFlushing(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Once decided, the append runs to its end even when the step that asked for it is cancelled:
    // an append cut off after it committed would leave the log ahead of the workflow.
    const flushed = this.tail.then(() => CancellationScope.nonCancellable(() => this.flush()));
    this.tail = flushed.catch((error: unknown) => this.break(error));
  }

  private async flush(): Promise<void> {
    try {
      await endOfActivation();
      while (this.queued.length > 0) await this.appendQueued();
    } finally {
      // In the same tick as the last look at the queue: an action decided after it starts the next flush.
      this.flushing = false;
    }
  }

  private async appendQueued(): Promise<void> {
    if (this.broken !== undefined) throw this.broken;
    const batch = this.queued;
    this.queued = [];
    this.inFlight = batch;
    const result = await appendCaseCommands({
      streamId: this.caseId,
      expectedVersion: this.state.version,
      commands: batch.map(({ commandId, events }) => ({ commandId, events })),
    });
    this.inFlight = [];
    this.fold(result.loggedEvents.map(toCaseEvent));
    if (!result.appended) this.catchUp(batch, result);
    this.decidedState = this.foldPending();
    const recorded = new Set(result.recordedCommandIds);
    for (const action of batch) if (recorded.has(action.commandId)) action.resolve(this.state);
  }

  /**
   * The log held more than the workflow knew (a run reset behind it) or some of the batch already:
   * what the log holds stands, and every action it does not hold yet, queued ones included, is
   * decided again on the caught-up state. One refused now is rejected with the domain's reason, one
   * with nothing new left is done; the others are appended after the log's head.
   */
  private catchUp(batch: readonly PendingAction[], result: AppendCommandsResult): void {
    const recorded = new Set(result.recordedCommandIds);
    const again = [...batch.filter((action) => !recorded.has(action.commandId)), ...this.queued];
    this.queued = [];
    let decided = this.state;
    for (const action of again) {
      const decision = decideInSequence(decided, action.commands, action.context);
      if (!decision.ok) {
        action.reject(rejection(decision));
      } else if (decision.events.length === 0) {
        action.resolve(this.state);
      } else {
        action.events = decision.events;
        decided = decision.events.reduce(evolve, decided);
        this.queued.push(action);
      }
    }
  }

  /** Appends one decision on its own, as recorded before command batches (replays of those histories). */
  private recordAlone(events: CaseEvent[]): Promise<CaseState> {
    const expectedVersion = this.decidedState.version;
    this.decidedState = events.reduce(evolve, this.decidedState);
    this.unlogged.push(events);
    const append = async (): Promise<CaseState> => {
      if (this.broken !== undefined) throw this.broken;
      const result = await CancellationScope.nonCancellable(() =>
        appendCaseEvents({
          streamId: this.caseId,
          expectedVersion,
          commandId: `${this.caseId}@${expectedVersion}`,
          events,
        }),
      );
      this.unlogged.shift();
      this.fold(result.loggedEvents?.map(toCaseEvent) ?? events);
      this.decidedState = this.foldPending();
      return this.state;
    };
    const result = this.tail.then(append).catch((error: unknown) => {
      this.broken ??= error;
      throw error;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Stops recording: every action waiting for the log is rejected with the append's failure. */
  private break(error: unknown): void {
    this.broken ??= error;
    for (const action of [...this.inFlight, ...this.queued]) action.reject(this.broken);
    this.inFlight = [];
    this.queued = [];
  }

  /** Folds events the log holds into the state. */
  private fold(logged: readonly CaseEvent[]): void {
    const before = this.state.status;
    this.state = logged.reduce(evolve, this.state);
    if (this.state.status !== before) this.publishSearchAttributes();
  }

  /** The state with every decided event not yet in the log folded on, in the order decided. */
  private foldPending(): CaseState {
    const pending = [...this.unlogged, ...[...this.inFlight, ...this.queued].map((action) => action.events)];
    return pending.reduce((state, events) => events.reduce(evolve, state), this.state);
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
