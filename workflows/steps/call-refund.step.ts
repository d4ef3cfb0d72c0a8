import { patched } from '@temporalio/workflow';
import { SYSTEM_ACTOR, SystemStepRefs } from '../../libs/domain/src';
import { CASE_PATCHES } from '../case-patches';
import { holdRefundOnLines, holdsLineAllowances, refundPaidOnLines } from '../case-line-allowances';
import { failureType, ignoreRefusal, messageOf } from '../step-failures';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Pays a pending refund under the idempotency key fixed before its first call. */
export const callRefundStep: StepHandler<'CALL_REFUND'> = {
  id: 'CALL_REFUND',
  kind: 'WORK',
  perform: callRefund,
};

async function callRefund(
  { caseId, run, refunds }: StepContext,
  { refundId }: SystemStepRefs['CALL_REFUND'],
): Promise<StepEnd> {
  const index = run.state.refunds.findIndex((refund) => refund.refundId === refundId);
  const refund = run.state.refunds[index];
  if (!refund) return 'STATE_DECIDES';
  const onLines = holdsLineAllowances(run.state);
  if (onLines && !(await holdRefundOnLines(run, refund))) return 'STATE_DECIDES';
  try {
    const paid = await refunds.issueRefund({
      caseId,
      refundNo: index + 1,
      idempotencyKey: refund.idempotencyKey,
      amount: refund.amount,
      reason: refund.purpose,
    });
    // Paid on its lines before the case says so: whoever sees the refund paid sees the line's money taken.
    if (onLines) await refundPaidOnLines(run.state, refund);
    await run
      .record(
        { type: 'REFUND_SUCCEEDED', data: { refundId, externalRef: paid.refundId } },
        { role: 'refund_system', id: 'refund-system' },
      )
      .catch(ignoreRefusal);
  } catch (error) {
    const type = failureType(error);
    // Refused for good: the scheduler records it for ops (REFUND_FAILED and STEP_REFUSED), never retried silently.
    if (!type || patched(CASE_PATCHES.stepAttention)) throw error;
    await run.record(
      { type: 'REFUND_FAILED', data: { refundId, errorCode: type, message: messageOf(error) } },
      SYSTEM_ACTOR,
    );
  }
  return 'STATE_DECIDES';
}
