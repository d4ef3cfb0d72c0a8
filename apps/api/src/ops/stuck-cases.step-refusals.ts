import type { StuckCandidateRow } from './stuck-cases.queries';
import type { StuckReason } from './stuck-cases.service';

/** A case's refused steps waiting for ops, as stuck reasons (listed at once, not after a silence). */
export function stepRefusalReasons(row: StuckCandidateRow): StuckReason[] {
  return row.needsAttention.map((item) => {
    const status = item.error.httpStatus === undefined ? '' : `, HTTP ${item.error.httpStatus}`;
    const steps = `/v1/ops/cases/${row.caseId}/steps/${item.stepKey}`;
    return {
      kind: 'STEP_REFUSED',
      detail:
        `step ${item.step} (${item.stepKey}) was refused for good (${item.error.code}${status}: ` +
        `${item.error.message}); retry it with POST ${steps}/retry or resolve it with POST ${steps}/resolve`,
      since: item.since,
      stepKey: item.stepKey,
    };
  });
}
