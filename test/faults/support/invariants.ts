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
  data: { refundId?: string; idempotencyKey?: string; externalRef?: string; amount?: Money };
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
    for (const type of ['REFUND_REQUESTED', 'REFUND_SUCCEEDED']) {
      const refundIds = stream.filter((event) => event.type === type).map((event) => event.data.refundId);
      if (new Set(refundIds).size !== refundIds.length) {
        problems.push(`${label(run)}: ${type} recorded twice for one refund: ${refundIds.join(',')}`);
      }
    }
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

  // 4. The refund ledger: one payout per refunded case, under the key the log recorded; none otherwise.
  const ledger = await stack.sandbox.control.ledger();
  for (const run of runs) {
    const payouts = ledger.payouts.filter((payout) => payout.caseId === run.caseId);
    const expected = run.plan.expected.refund;
    const amounts = payouts.map((payout) => `${payout.amount.amount} ${payout.amount.currency}`);
    if (expected === null ? payouts.length !== 0 : payouts.length !== 1) {
      problems.push(
        `${label(run)}: ${payouts.length} payouts (${amounts.join(', ')}), expected ${expected ? 1 : 0}`,
      );
    } else if (
      expected &&
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
    if (run.result && succeeded.length !== payouts.length) {
      problems.push(
        `${label(run)}: the case shows ${succeeded.length} paid refunds, the ledger ${payouts.length}`,
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
