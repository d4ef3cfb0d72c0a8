import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CarrierActivities } from '../activities/carrier.activities';
import type { CustomerActivities } from '../activities/customer.activities';
import type { RefundActivities } from '../activities/refund.activities';
import type { RepairActivities } from '../activities/repair.activities';
import type { SupplierActivities } from '../activities/supplier.activities';
import type { WarehouseActivities } from '../activities/warehouse.activities';
import {
  Actor,
  ActorRole,
  Address,
  applyDecision,
  assertNever,
  CaseState,
  CaseView,
  decideArbitrationRuling,
  decideCancel,
  decideCarrierScan,
  decideClockExpired,
  decideEscalate,
  decideInspection,
  decideInsuranceClaimFiled,
  decideInsuranceClaimPaid,
  decideMerchantDecision,
  decideOpsAction,
  decidePickupBooked,
  decidePickupCancelled,
  decideRefundFailed,
  decideRefundRetry,
  decideRefundSucceeded,
  decideRegisterReturnShipment,
  decideRepairCompleted,
  decideRepairFailed,
  decideRepairStarted,
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
  decideRequestCase,
  decideSupplierReturnCredited,
  decideSupplierReturnShipped,
  Decision,
  NextStep,
  nextSteps,
  parseIsoDuration,
  pendingClocks,
  SYSTEM_ACTOR,
  SystemStep,
} from '../libs/domain/src';
import {
  ActionActor,
  arbitrationUpdate,
  cancelCaseUpdate,
  carrierScanUpdate,
  caseViewQuery,
  escalateUpdate,
  inspectionUpdate,
  merchantDecisionUpdate,
  opsActionUpdate,
  pendingDeadlinesQuery,
  retryRefundUpdate,
  returnShipmentUpdate,
  StartCaseInput,
  supplierReturnUpdateSignal,
} from './after-sales-case.definitions';
import { CaseRun, DecideStep, rejection } from './case-run';
import { supplierIdOfBatch } from './supplier-returns.definitions';

/**
 * Calls to the outside world heartbeat while they wait (activities/activity-failure.ts): a worker that
 * dies mid-call is noticed after this, and the call retried elsewhere, not after the whole timeout.
 */
const HEARTBEAT_TIMEOUT = '5 seconds';

/** Calls to systems that answer at once; transient failures retry with backoff until they succeed. */
const outside = proxyActivities<
  CarrierActivities & WarehouseActivities & CustomerActivities & SupplierActivities
>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Customer notices: a notice that cannot be delivered after a while is given up (logged), never holds a case. */
const notices = proxyActivities<CustomerActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
  },
});

/** The repair centre is polled through retries while a repair is in progress; the repair clock bounds it. */
const repairs = proxyActivities<RepairActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 1.5, maximumInterval: '1 hour' },
});

/** Where the refund system ships a replacement when the order's address is not in the case (self-ship). */
const ADDRESS_ON_FILE: Address = {
  name: 'customer',
  phone: 'on file',
  line1: 'order address on file',
  city: 'on file',
};

/** Work that only waits for an outside outcome: cancelled as soon as the case stops wanting it (a clock decided). */
const WAITING_STEPS: ReadonlySet<SystemStep> = new Set(['AWAIT_REPAIR_RESULT']);

/** Steps the outside world completes (a signal, a payout): the workflow waits, doing nothing itself. */
const OUTSIDE_STEPS: ReadonlySet<SystemStep> = new Set(['AWAIT_SUPPLIER_BATCH', 'AWAIT_INSURANCE_PAYOUT']);

/** The actor of supplier-return progress reported by the supplier's batching workflow. */
const SUPPLIER_ACTOR: Actor = { role: 'supplier', id: 'supplier-returns' };

/**
 * One after-sales case, end to end (workflow id `case-<caseId>`): request and eligibility, approval
 * (auto, merchant or timeout), rejection, escalation and arbitration, the return leg, inspection,
 * refund, replacement or repair, supplier return, close. The domain's `nextSteps` says what can move
 * the case on; this function does the system's part (activities), lets the clocks fire as durable
 * timers, and takes the outside world's actions as updates.
 */
export async function afterSalesCaseWorkflow(input: StartCaseInput): Promise<CaseView> {
  const run = new CaseRun(input.caseId);
  const refunds = proxyActivities<RefundActivities>({
    taskQueue: input.refundTaskQueue,
    startToCloseTimeout: '30 seconds',
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  });

  /** Work the system started and has not finished, by step key. */
  const inFlight = new Map<string, { step: SystemStep; scope: CancellationScope }>();
  /** One-shot steps already done that the state does not show (supplier hand-over, a refused cancel). */
  const done = new Set<string>();
  let settledTasks = 0;
  /** A failure of the system's own work (not a refusal): it fails the workflow task, so ops see it. */
  let taskFailure: unknown;
  const failOnError = (error: unknown) => {
    if (!isRefusal(error)) taskFailure = error;
  };

  // The request is decided before the handlers exist: actions delivered with the first workflow task
  // (all those received since, after a reset to it) are validated against the case, not against nothing.
  const requested = run.record(
    (state, at) =>
      decideRequestCase(state, { caseId: input.caseId, request: input.request, policy: input.policy }, at),
    actorOf(input.actor),
  );
  registerActions(run);
  setHandler(caseViewQuery, () => run.view());
  setHandler(pendingDeadlinesQuery, () => pendingClocks(run.state));
  setHandler(supplierReturnUpdateSignal, (update) => {
    const decide: DecideStep =
      update.status === 'SHIPPED'
        ? (state, at) =>
            decideSupplierReturnShipped(
              state,
              { batchId: update.batchId, supplierId: supplierIdOfBatch(update.batchId) },
              at,
            )
        : (state, at) =>
            decideSupplierReturnCredited(
              state,
              { batchId: update.batchId, creditNoteId: update.creditNoteId ?? '' },
              at,
            );
    run.record(decide, SUPPLIER_ACTOR).catch(failOnError);
  });

  await requested;

  const perform = async (step: Extract<NextStep, { kind: 'SYSTEM' }>, key: string): Promise<void> => {
    switch (step.step) {
      case 'BOOK_PICKUP':
        return bookPickup();
      case 'CANCEL_PICKUP':
        return cancelPickup(step.ref ?? '', key);
      case 'FILE_INSURANCE_CLAIM':
        return fileInsuranceClaim();
      case 'CALL_REFUND':
        return callRefund(step.ref ?? '');
      case 'RESERVE_REPLACEMENT':
        return reserveReplacement();
      case 'SHIP_REPLACEMENT':
        return shipReplacement();
      case 'START_REPAIR':
        return startRepair();
      case 'AWAIT_REPAIR_RESULT':
        return awaitRepair(step.ref ?? '');
      case 'SEND_SUPPLIER_RETURN':
        await sendSupplierReturn(step.ref ?? '');
        done.add(key);
        return;
      case 'AWAIT_SUPPLIER_BATCH':
      case 'AWAIT_INSURANCE_PAYOUT':
        return;
      default:
        return assertNever(step.step, 'system step');
    }
  };

  /** Notices under way, and the status the customer was last told about. */
  const noticesSent: Array<Promise<void>> = [];
  let toldStatus: string | null = null;
  const tellCustomer = () => {
    const { status, version } = run.state;
    if (status === null || status === toldStatus) return;
    toldStatus = status;
    const notice = notices.notifyCustomer({
      caseId: input.caseId,
      idempotencyKey: `${input.caseId}:notice:${version}`,
      template: `CASE_${status}`,
      data: { status, version },
    });
    noticesSent.push(
      notice.then(
        () => undefined,
        (error: unknown) => log.warn('customer notice given up', { status, error: messageOf(error) }),
      ),
    );
  };

  for (;;) {
    if (taskFailure) throw taskFailure;
    tellCustomer();
    const steps = nextSteps(run.state);
    const wanted = new Map<string, Extract<NextStep, { kind: 'SYSTEM' }>>();
    for (const step of steps) {
      if (step.kind !== 'SYSTEM' || OUTSIDE_STEPS.has(step.step)) continue;
      const key = stepKey(step);
      if (!done.has(key)) wanted.set(key, step);
    }
    // Work with effects (a booking, a refund call) runs to its end and records what happened even
    // when the case moved on meanwhile; only a wait is cut short.
    for (const [key, task] of inFlight) {
      if (!wanted.has(key) && WAITING_STEPS.has(task.step)) task.scope.cancel();
    }
    for (const [key, step] of wanted) {
      if (inFlight.has(key)) continue;
      const scope = new CancellationScope();
      inFlight.set(key, { step: step.step, scope });
      scope
        .run(() => perform(step, key))
        .catch((error: unknown) => {
          if (!isCancellation(error)) taskFailure = error;
        })
        .finally(() => {
          inFlight.delete(key);
          settledTasks++;
        });
    }
    // Units handed to the supplier's batching workflow: the case hears from it when the batch ships.
    const waitsForOthers = steps.some(
      (step) =>
        step.kind !== 'SYSTEM' ||
        OUTSIDE_STEPS.has(step.step) ||
        (step.step === 'SEND_SUPPLIER_RETURN' && done.has(stepKey(step))),
    );
    if (inFlight.size === 0 && wanted.size === 0 && !waitsForOthers) break;

    const version = run.state.version;
    const tasks = settledTasks;
    const moved = () => run.state.version !== version || settledTasks !== tasks || taskFailure !== undefined;
    const clock = pendingClocks(run.state)[0];
    if (!clock) {
      await condition(moved);
      continue;
    }
    if (await condition(moved, Math.max(Date.parse(clock.dueAt) - Date.now(), 1))) continue;
    await run
      .record((state, at) => decideClockExpired(state, { clock: clock.clock }, at), SYSTEM_ACTOR)
      .catch(failOnError);
  }
  // An action accepted just before the end still gets its answer.
  await condition(allHandlersFinished);
  tellCustomer();
  await Promise.all(noticesSent);
  return run.view();

  // The system's steps: each calls the outside world, then records the outcome through the domain.

  async function bookPickup(): Promise<void> {
    const request = run.state.request;
    if (!request?.pickupAddress) throw new Error(`case ${input.caseId}: PICKUP without a pickup address`);
    const attempt = run.state.version;
    const booking = await outside.bookPickup({
      caseId: input.caseId,
      idempotencyKey: `${input.caseId}:pickup:${attempt}`,
      address: request.pickupAddress,
    });
    try {
      await run.record(
        (state, at) =>
          decidePickupBooked(
            state,
            {
              bookingId: booking.bookingId,
              carrier: booking.carrier,
              trackingNumber: booking.trackingNumber,
            },
            at,
          ),
        SYSTEM_ACTOR,
      );
    } catch (error) {
      // The case moved on (cancelled, closed) while the carrier booked: give the booking back.
      if (!isRefusal(error)) throw error;
      await outside.cancelPickup({ bookingId: booking.bookingId }).catch((failure: unknown) => {
        // Collected already: the parcel comes back anyway; the warehouse returns it to the customer.
        if (failureType(failure) !== 'PICKUP_ALREADY_COLLECTED') throw failure;
      });
      return;
    }
    await outside.notifyExpectedReturn({
      caseId: input.caseId,
      idempotencyKey: `${input.caseId}:expected-return:${booking.bookingId}`,
      trackingNumber: booking.trackingNumber,
      items: request.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
    });
  }

  async function cancelPickup(bookingId: string, key: string): Promise<void> {
    try {
      await outside.cancelPickup({ bookingId });
    } catch (error) {
      // Collected already: the parcel comes back anyway; the warehouse returns it to the customer.
      if (failureType(error) === 'PICKUP_ALREADY_COLLECTED') {
        done.add(key);
        return;
      }
      throw error;
    }
    await run
      .record(
        (state, at) => decidePickupCancelled(state, { bookingId, reason: 'case ended' }, at),
        SYSTEM_ACTOR,
      )
      .catch(ignoreRefusal);
  }

  async function fileInsuranceClaim(): Promise<void> {
    const claim = await outside.fileShippingInsuranceClaim({
      caseId: input.caseId,
      idempotencyKey: `${input.caseId}:insurance`,
      trackingNumber: run.state.returnShipment?.trackingNumber ?? undefined,
    });
    // The insurer pays as it accepts the claim: both facts go into the log together.
    await run.record(
      inSequence(
        (state, at) => decideInsuranceClaimFiled(state, { claimId: claim.claimId }, at),
        (state, at) =>
          decideInsuranceClaimPaid(state, { claimId: claim.claimId, amount: claim.paidAmount }, at),
      ),
      SYSTEM_ACTOR,
    );
  }

  async function callRefund(refundId: string): Promise<void> {
    const index = run.state.refunds.findIndex((refund) => refund.refundId === refundId);
    const refund = run.state.refunds[index];
    if (!refund) return;
    try {
      const paid = await refunds.issueRefund({
        caseId: input.caseId,
        refundNo: index + 1,
        idempotencyKey: refund.idempotencyKey,
        amount: refund.amount,
        reason: refund.purpose,
      });
      await run
        .record((state, at) => decideRefundSucceeded(state, { refundId, externalRef: paid.refundId }, at), {
          role: 'refund_system',
          id: 'refund-system',
        })
        .catch(ignoreRefusal);
    } catch (error) {
      const type = failureType(error);
      if (!type) throw error;
      // Refused for good by the refund system: recorded, flagged for ops, never retried silently.
      await run.record(
        (state, at) =>
          decideRefundFailed(state, { refundId, errorCode: type, message: messageOf(error) }, at),
        SYSTEM_ACTOR,
      );
    }
  }

  async function reserveReplacement(): Promise<void> {
    const lines = replacementLines();
    const reserved: string[] = [];
    try {
      for (const line of lines) {
        const reservation = await outside.reserveStock({
          caseId: input.caseId,
          idempotencyKey: `${input.caseId}:reserve:${line.sku}`,
          sku: line.sku,
          quantity: line.quantity,
        });
        reserved.push(reservation.reservationId);
      }
    } catch (error) {
      if (failureType(error) !== 'OUT_OF_STOCK') throw error;
      // Compensation: give back what was reserved, then refund instead of replacing.
      for (const reservationId of reserved) await outside.releaseReservation({ reservationId });
      await run.record(
        (state, at) => decideReplacementUnavailable(state, { reason: messageOf(error) }, at),
        SYSTEM_ACTOR,
      );
      return;
    }
    await run.record(
      (state, at) => decideReplacementReserved(state, { reservationId: reserved.join(',') }, at),
      SYSTEM_ACTOR,
    );
  }

  async function shipReplacement(): Promise<void> {
    const reservationIds = (run.state.replacement?.reservationId ?? '').split(',').filter(Boolean);
    let shipped: { carrier: string; trackingNumber: string } | undefined;
    for (const reservationId of reservationIds) {
      shipped = await outside.shipReplacement({
        caseId: input.caseId,
        idempotencyKey: `${input.caseId}:ship:${reservationId}`,
        reservationId,
        address: run.state.request?.pickupAddress ?? ADDRESS_ON_FILE,
      });
    }
    if (!shipped) throw new Error(`case ${input.caseId}: no reservation to ship`);
    const { carrier, trackingNumber } = shipped;
    await run.record(
      (state, at) => decideReplacementShipped(state, { carrier, trackingNumber }, at),
      SYSTEM_ACTOR,
    );
  }

  async function startRepair(): Promise<void> {
    const attempt = (run.state.repair?.attempts ?? 0) + 1;
    const sku =
      run.state.settlement?.lines.find((line) => line.outcome === 'REPAIR')?.sku ??
      run.state.request?.items[0].sku;
    const repair = await repairs.openRepair({
      caseId: input.caseId,
      idempotencyKey: `${input.caseId}:repair:${attempt}`,
      sku: sku ?? 'unknown',
      faultDescription: run.state.request?.description,
    });
    await run.record(
      (state, at) => decideRepairStarted(state, { repairId: repair.repairId }, at),
      SYSTEM_ACTOR,
    );
  }

  async function awaitRepair(repairId: string): Promise<void> {
    const repair = await repairs.awaitRepairOutcome({ repairId });
    const decide: DecideStep =
      repair.status === 'REPAIRED'
        ? (state, at) => decideRepairCompleted(state, { repairId }, at)
        : (state, at) =>
            decideRepairFailed(state, { repairId, reason: 'the repair centre could not repair it' }, at);
    await run.record(decide, { role: 'system', id: 'repair-centre' }).catch(ignoreRefusal);
  }

  async function sendSupplierReturn(supplierId: string): Promise<void> {
    const entry = run.state.supplierReturns.find((candidate) => candidate.supplierId === supplierId);
    const profile = run.state.profile;
    if (!entry || !profile) return;
    await outside.queueSupplierReturn({
      supplierId,
      policy: {
        maxUnits: profile.supplierReturnBatch.maxUnits,
        maxWaitMs: parseIsoDuration(profile.supplierReturnBatch.maxWait),
      },
      units: entry.units.map((unit) => ({ ...unit, caseId: input.caseId })),
    });
  }

  function replacementLines(): Array<{ sku: string; quantity: number }> {
    const lines = run.state.settlement?.lines.filter((line) => line.outcome === 'REPLACE') ?? [];
    return lines.length > 0 ? [...lines] : [...(run.state.request?.items ?? [])];
  }
}

/** The outside world's actions: validated synchronously (a wrong state is refused at once), then recorded. */
function registerActions(run: CaseRun): void {
  const action = <B>(
    update: UpdateDefinition<CaseView, [B & { actor: ActionActor }]>,
    decide: (state: CaseState, body: B, at: { now: Date; actor: Actor }) => Decision,
  ) => {
    const split = (input: B & { actor: ActionActor }) => {
      const { actor, ...body } = input;
      return { actor: actorOf(actor), body: body as unknown as B };
    };
    setHandler(
      update,
      async (input) => {
        const { actor, body } = split(input);
        await run.record((state, at) => decide(state, body, at), actor);
        return run.view();
      },
      {
        validator: (input) => {
          const { actor, body } = split(input);
          const decision = decide(run.decidedState, body, { now: new Date(), actor });
          if (!decision.ok) throw rejection(decision);
        },
      },
    );
  };
  action(merchantDecisionUpdate, decideMerchantDecision);
  action(cancelCaseUpdate, decideCancel);
  action(returnShipmentUpdate, decideRegisterReturnShipment);
  action(escalateUpdate, decideEscalate);
  action(arbitrationUpdate, decideArbitrationRuling);
  action(carrierScanUpdate, decideCarrierScan);
  action(inspectionUpdate, decideInspection);
  action(opsActionUpdate, decideOpsAction);
  action(retryRefundUpdate, decideRefundRetry);
}

/** The identity of a system step: its kind and what it is about. */
function stepKey(step: Extract<NextStep, { kind: 'SYSTEM' }>): string {
  return `${step.step}:${step.ref ?? ''}`;
}

/** Two decisions recorded as one: the second decided on the state the first leaves. */
function inSequence(first: DecideStep, second: DecideStep): DecideStep {
  return (state, at) => {
    const before = first(state, at);
    if (!before.ok) return before;
    const after = second(applyDecision(state, before), at);
    if (!after.ok) return after;
    return { ok: true, events: [...before.events, ...after.events], duplicate: false };
  };
}

function actorOf(actor: ActionActor): Actor {
  return { role: actor.role as ActorRole, id: actor.id };
}

/** The type of a non-retryable failure (an activity's refusal or a domain refusal), if it is one. */
function failureType(error: unknown): string | undefined {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.nonRetryable
    ? (failure.type ?? undefined)
    : undefined;
}

function messageOf(error: unknown): string {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof Error ? failure.message : String(error);
}

const REFUSALS = new Set(['NOT_ALLOWED_IN_STATE', 'CLOCK_NOT_DUE', 'UNKNOWN_REFERENCE']);

/** Whether the domain refused a system step because the case moved on meanwhile. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApplicationFailure && REFUSALS.has(error.type ?? '');
}

/** Swallows a domain refusal (the case moved on); anything else is a real failure. */
function ignoreRefusal(error: unknown): void {
  if (!isRefusal(error)) throw error;
}
