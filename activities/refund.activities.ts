import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { Money, RefundSystemClient } from '../libs/integrations/src';
import { callExternal } from './activity-failure';

/** One refund as the workflow fixed it before the first call: the key is reused on every retry. */
export interface IssueRefundInput {
  caseId: string;
  refundNo: number;
  idempotencyKey: string;
  amount: Money;
  reason: string;
}

/** The refund system's answer once the money has moved. */
export interface IssuedRefund {
  refundId: string;
  status: 'SUCCEEDED';
  completedAt: string;
}

/** Error type thrown while an asynchronous refund is still pending; retried by Temporal with backoff. */
export const REFUND_PENDING = 'REFUND_PENDING';

/** Refund activities, served on the refund task queue. */
export function createRefundActivities(refundSystem: RefundSystemClient) {
  return {
    /**
     * Asks the refund system to pay `amount` under `idempotencyKey`. The system pays a key once, so a
     * retry after a timeout (which may have paid) is safe; a PENDING refund is polled until it succeeds.
     */
    async issueRefund(input: IssueRefundInput): Promise<IssuedRefund> {
      const refund = await callExternal((signal) =>
        refundSystem.createRefund(
          {
            idempotencyKey: input.idempotencyKey,
            caseId: input.caseId,
            refundNo: input.refundNo,
            amount: input.amount,
            reason: input.reason,
          },
          { signal },
        ),
      );
      if (refund.status === 'SUCCEEDED') {
        return {
          refundId: refund.refundId,
          status: 'SUCCEEDED',
          completedAt: refund.completedAt ?? refund.createdAt,
        };
      }
      Context.current().heartbeat({ refundId: refund.refundId });
      throw ApplicationFailure.retryable(`refund ${refund.refundId} is still pending`, REFUND_PENDING);
    },
  };
}

/** The refund activities' interface, for the workflow's proxy. */
export type RefundActivities = ReturnType<typeof createRefundActivities>;
