import { PayoutRecord } from '../../../apps/sandbox/src/sandbox.state';
import { isTerminalStatus, Money } from '../../../libs/domain/src';
import {
  CaseViewDifference,
  caseViewProjection,
  CaseViewRowImage,
  rebuildCaseViews,
} from '../../../libs/persistence/src';
import { CaseRun } from './case-runner';
import { FaultStack } from './fault-stack';

/** What the checks found: empty `problems` means every invariant holds. */
export interface InvariantReport {
  problems: string[];
  /** Events in the cases' logs. */
  events: number;
  /** Payouts in the refund ledger. */
  payouts: number;
  /** Refund calls the refund system received (first calls and retries). */
  refundCalls: number;
  /** Retries the refund system absorbed by idempotency key. */
  duplicatesAbsorbed: number;
}

interface EventRow {
  stream_id: string;
  seq: number;
  event_id: string;
  type: string;
  data: {
    refundId?: string;
    idempotencyKey?: string;
    externalRef?: string;
    amount?: Money;
    stepKey?: string;
    outcome?: string;
    action?: string;
  };
}

const TERMINAL_EVENTS = ['CASE_COMPLETED', 'CASE_CLOSED', 'CASE_CANCELLED'];

/**
 * After a fault: every case ended (COMPLETED, CLOSED or CANCELLED) as its plan says; every case's
 * log is seq 1..n without gap or duplicate and agrees with the workflow; the case views equal a
 * rebuild from the log; the refund ledger has exactly one payout per refunded case, none for others.
 */
export async function checkInvariants(stack: FaultStack, runs: CaseRun[]): Promise<InvariantReport> {
  const problems: string[] = [];
  const label = (run: CaseRun) => `${run.plan.kind} ${run.caseId}`;

  // 1. Every case ended, as its plan says.
  for (const run of runs) {
    const view = run.result;
    if (!view) {
      problems.push(
        `${label(run)}: no terminal status (${run.failure ?? 'no result'}); ${await diagnose(stack, run)}`,
      );
      continue;
    }
    if (!isTerminalStatus(view.status)) problems.push(`${label(run)}: ended in non-terminal ${view.status}`);
    const { status, closedReason } = run.plan.expected;
    if (view.status !== status || (closedReason && view.closedReason !== closedReason)) {
      problems.push(
        `${label(run)}: ended ${view.status}/${view.closedReason ?? '-'}, expected ${status}/${closedReason ?? '-'}`,
      );
    }
  }

  // 2. The log: seq 1..n, deterministic event ids, one opening and one terminal event, no refund twice.
  const events = await stack.query<EventRow>(
    `SELECT stream_id, seq, event_id, type, data FROM case_events ORDER BY stream_id, seq`,
  );
  const byStream = new Map<string, EventRow[]>();
  for (const event of events)
    byStream.set(event.stream_id, [...(byStream.get(event.stream_id) ?? []), event]);
  for (const [streamId, stream] of byStream) {
    const seqs = stream.map((event) => event.seq);
    if (!seqs.every((seq, index) => seq === index + 1)) {
      problems.push(`stream ${streamId}: seqs ${seqs.join(',')} are not 1..${seqs.length}`);
    }
    const wrongIds = stream.filter((event) => event.event_id !== `${streamId}:${event.seq}`);
    if (wrongIds.length > 0)
      problems.push(`stream ${streamId}: event ids ${wrongIds.map((e) => e.event_id)}`);
  }
  for (const run of runs) {
    const stream = byStream.get(run.caseId) ?? [];
    const types = stream.map((event) => event.type);
    const once = (type: string) => types.filter((candidate) => candidate === type).length;
    if (stream.length === 0) {
      problems.push(`${label(run)}: no events in the log`);
      continue;
    }
    if (types[0] !== 'CASE_REQUESTED' || once('CASE_REQUESTED') !== 1) {
      problems.push(`${label(run)}: log does not open with exactly one CASE_REQUESTED: ${types.join(',')}`);
    }
    const ends = types.filter((type) => TERMINAL_EVENTS.includes(type));
    if (run.result && ends.length !== 1) {
      problems.push(`${label(run)}: ${ends.length} terminal events in the log: ${types.join(',')}`);
    }
    problems.push(...refundsRecordedTwice(stream).map((problem) => `${label(run)}: ${problem}`));
    if (run.result && run.result.version !== stream.length) {
      problems.push(
        `${label(run)}: the workflow ended at version ${run.result.version}, the log has ${stream.length}`,
      );
    }
    const row = await stack.readView(run.caseId);
    if (run.result && (row?.status !== run.result.status || row?.version !== stream.length)) {
      problems.push(
        `${label(run)}: case_views has ${row?.status}@${row?.version}, the workflow ${run.result.status}@${stream.length}`,
      );
    }
  }

  // 3. The live case views equal a rebuild from the log (compared under the rebuild's lock).
  const dataSource = await stack.openDataSource();
  try {
    const rebuilt = await rebuildCaseViews(dataSource, caseViewProjection);
    if (rebuilt.differencesFromLive !== 0) {
      problems.push(
        `case_views differ from a rebuild in ${rebuilt.differencesFromLive} cases: ` +
          rebuilt.sampleDifferences.slice(0, 5).map(describeDifference).join('; '),
      );
    }
    if (rebuilt.views < runs.length)
      problems.push(`the rebuild made ${rebuilt.views} views for ${runs.length} cases`);
  } finally {
    await dataSource.destroy();
  }

  // 4. The refund ledger: one payout per refunded case, under the key the log recorded; none otherwise
  // (a refund ops resolved DONE was paid outside: at most one payout then). Each refund id paid at most
  // once, and no case paid more than its order's lines were paid.
  const ledger = await stack.sandbox.control.ledger();
  problems.push(...overpayments(ledger.payouts, runs));
  for (const run of runs) {
    const payouts = ledger.payouts.filter((payout) => payout.caseId === run.caseId);
    const expected = run.plan.expected.refund;
    const amounts = payouts.map((payout) => `${payout.amount.amount} ${payout.amount.currency}`);
    const paidOutside = paidOutsideTheRefundSystem(byStream.get(run.caseId) ?? [], payouts);
    if (expected === null ? payouts.length !== 0 : payouts.length + paidOutside !== 1) {
      problems.push(
        `${label(run)}: ${payouts.length} payouts (${amounts.join(', ')}), expected ${expected ? 1 : 0}`,
      );
    } else if (
      expected &&
      payouts.length === 1 &&
      (payouts[0].amount.amount !== expected.amount || payouts[0].amount.currency !== expected.currency)
    ) {
      problems.push(`${label(run)}: paid ${amounts[0]}, expected ${expected.amount} ${expected.currency}`);
    }
    const stream = byStream.get(run.caseId) ?? [];
    const requestedKeys = stream
      .filter((event) => event.type === 'REFUND_REQUESTED')
      .map((event) => event.data.idempotencyKey);
    for (const payout of payouts) {
      if (!requestedKeys.includes(payout.idempotencyKey)) {
        problems.push(
          `${label(run)}: payout ${payout.refundId} under key ${payout.idempotencyKey} not in the log`,
        );
      }
    }
    const succeeded = (run.result?.resolution?.refunds ?? []).filter(
      (refund) => refund.status === 'SUCCEEDED',
    );
    if (run.result && succeeded.length !== payouts.length + paidOutside) {
      problems.push(
        `${label(run)}: the case shows ${succeeded.length} paid refunds, the ledger ${payouts.length}` +
          ` and ops ${paidOutside} paid outside`,
      );
    }
  }
  if (ledger.counters.conflictsRejected !== 0) {
    problems.push(`the refund system rejected ${ledger.counters.conflictsRejected} calls as key conflicts`);
  }

  return {
    problems,
    events: runs.reduce((sum, run) => sum + (byStream.get(run.caseId)?.length ?? 0), 0),
    payouts: ledger.payouts.length,
    refundCalls: ledger.counters.callsReceived,
    duplicatesAbsorbed: ledger.counters.duplicatesAbsorbed,
  };
}

/**
 * A refund succeeded twice, or requested again other than by an ops retry (OPS_ACTION_RECORDED
 * RETRY_REFUND) or under another idempotency key.
 */
function refundsRecordedTwice(stream: EventRow[]): string[] {
  const problems: string[] = [];
  const succeeded = stream.filter((event) => event.type === 'REFUND_SUCCEEDED').map((e) => e.data.refundId);
  if (new Set(succeeded).size !== succeeded.length) {
    problems.push(`REFUND_SUCCEEDED recorded twice for one refund: ${succeeded.join(',')}`);
  }
  const requested = stream.filter((event) => event.type === 'REFUND_REQUESTED');
  for (const refundId of new Set(requested.map((event) => event.data.refundId))) {
    const requests = requested.filter((event) => event.data.refundId === refundId);
    const retries = stream.filter(
      (event) =>
        event.type === 'OPS_ACTION_RECORDED' &&
        event.data.action === 'RETRY_REFUND' &&
        event.data.refundId === refundId,
    ).length;
    if (requests.length !== 1 + retries) {
      problems.push(
        `REFUND_REQUESTED ${requests.length} times for ${refundId}, ops retried it ${retries} times`,
      );
    }
    if (new Set(requests.map((event) => event.data.idempotencyKey)).size !== 1) {
      problems.push(`refund ${refundId} requested under more than one idempotency key`);
    }
  }
  return problems;
}

/**
 * Refunds of the case that ops resolved DONE (CALL_REFUND steps: paid outside) and the refund system
 * never paid under their idempotency key.
 */
function paidOutsideTheRefundSystem(stream: EventRow[], payouts: PayoutRecord[]): number {
  const prefix = 'CALL_REFUND:';
  const keyOf = (refundId: string) =>
    stream.find((event) => event.type === 'REFUND_REQUESTED' && event.data.refundId === refundId)?.data
      .idempotencyKey;
  return stream
    .filter((event) => event.type === 'STEP_RESOLVED' && event.data.outcome === 'DONE')
    .map((event) => event.data.stepKey ?? '')
    .filter((stepKey) => stepKey.startsWith(prefix))
    .filter((stepKey) => {
      const key = keyOf(stepKey.slice(prefix.length));
      return !payouts.some((payout) => payout.idempotencyKey === key);
    }).length;
}

/** Refund ids paid more than once, and cases paid more than their order's lines were paid. */
function overpayments(payouts: PayoutRecord[], runs: CaseRun[]): string[] {
  const problems: string[] = [];
  // A refund of a case is paid under its one idempotency key (checked against the log above).
  const byKey = new Map<string, number>();
  for (const payout of payouts) byKey.set(payout.idempotencyKey, (byKey.get(payout.idempotencyKey) ?? 0) + 1);
  for (const [key, count] of byKey) {
    if (count > 1) problems.push(`the refund of key ${key} was paid ${count} times`);
  }
  for (const run of runs) {
    const lines = run.plan.orderLines ?? [];
    const paidForLines = lines.reduce((sum, line) => sum + line.unitPaid.amount * line.quantity, 0);
    const refunded = payouts
      .filter((payout) => payout.caseId === run.caseId)
      .reduce((sum, payout) => sum + payout.amount.amount, 0);
    if (lines.length > 0 && refunded > paidForLines) {
      problems.push(
        `${run.plan.kind} ${run.caseId}: refunded ${refunded}, its lines were paid ${paidForLines}`,
      );
    }
  }
  return problems;
}

/** A case whose live view differs from the rebuilt one, with the fields that differ. */
function describeDifference(difference: CaseViewDifference): string {
  const { live, rebuilt } = difference;
  if (!live || !rebuilt) return `${difference.caseId} ${difference.kind}`;
  const fields = (Object.keys(live) as Array<keyof CaseViewRowImage>).flatMap((key) => {
    if (key !== 'view') return JSON.stringify(live[key]) === JSON.stringify(rebuilt[key]) ? [] : [key];
    const liveView = (live.view ?? {}) as Record<string, unknown>;
    const rebuiltView = (rebuilt.view ?? {}) as Record<string, unknown>;
    return [...new Set([...Object.keys(liveView), ...Object.keys(rebuiltView)])]
      .filter((field) => JSON.stringify(liveView[field]) !== JSON.stringify(rebuiltView[field]))
      .map((field) => `view.${field}`);
  });
  const shown = (image: CaseViewRowImage) => `${image.status}@${image.version}`;
  return `${difference.caseId} live ${shown(live)} rebuilt ${shown(rebuilt)} differ in ${fields.join(', ')}`;
}

/** Where an unfinished case stands: its read model and what its workflow waits on. */
async function diagnose(stack: FaultStack, run: CaseRun): Promise<string> {
  const row = await stack.readView(run.caseId);
  let workflow = 'workflow not described';
  try {
    const description = await run.handle.describe();
    const pending = description.raw.pendingActivities?.map(
      (activity) =>
        `${activity.activityType?.name} attempt ${activity.attempt} (${activity.lastFailure?.message ?? 'no failure'})`,
    );
    workflow = `workflow ${description.status.name}, pending activities: ${pending?.join('; ') || 'none'}`;
  } catch (error) {
    workflow = `describe failed: ${(error as Error).message}`;
  }
  return `case_views ${row?.status ?? 'none'}@${row?.version ?? 0}; ${workflow}; retries ${JSON.stringify(run.retries)}`;
}
