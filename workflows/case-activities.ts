import { ActivityInterfaceFor, proxyActivities } from '@temporalio/workflow';
import type { CarrierActivities } from '../activities/carrier.activities';
import type { CustomerActivities } from '../activities/customer.activities';
import type { RefundActivities } from '../activities/refund.activities';
import type { RepairActivities } from '../activities/repair.activities';
import type { SupplierActivities } from '../activities/supplier.activities';
import type { WarehouseActivities } from '../activities/warehouse.activities';

/**
 * Calls to the outside world heartbeat while they wait (activities/activity-failure.ts): a worker that
 * dies mid-call is noticed after this, and the call retried elsewhere, not after the whole timeout.
 */
const HEARTBEAT_TIMEOUT = '5 seconds';

/** Calls to systems that answer at once; transient failures retry with backoff until they succeed. */
export const outside = proxyActivities<
  CarrierActivities & WarehouseActivities & CustomerActivities & SupplierActivities
>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Customer notices: a notice that cannot be delivered after a while is given up (logged), never holds a case. */
export const notices = proxyActivities<CustomerActivities>({
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
export const repairs = proxyActivities<RepairActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 1.5, maximumInterval: '1 hour' },
});

/** The refund calls, on the task queue the case was started with (a refund system may serve it itself). */
export function refundActivities(taskQueue: string): ActivityInterfaceFor<RefundActivities> {
  return proxyActivities<RefundActivities>({
    taskQueue,
    startToCloseTimeout: '30 seconds',
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  });
}
