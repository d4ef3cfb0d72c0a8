import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { CaseView, pendingClocks } from '../libs/domain/src';
import {
  caseViewQuery,
  pendingDeadlinesQuery,
  StartCaseInput,
  supplierReturnUpdateSignal,
} from './after-sales-case.definitions';
import { refundActivities } from './case-activities';
import { actorOf, registerActions, SUPPLIER_ACTOR, supplierReturnCommand } from './case-handlers';
import { endCaseOnLines, ORDER_LINE_ALLOWANCES_PATCH } from './case-line-allowances';
import { CaseOpening } from './case-opening';
import { CaseRun } from './case-run';
import { CaseScheduler } from './case-scheduler';
import { CustomerNotices } from './customer-notices';
import { releaseTrackingNumbers } from './tracking-numbers';

/**
 * One after-sales case, end to end (workflow id `case-<caseId>`): request and eligibility, approval
 * (auto, merchant or timeout), rejection, escalation and arbitration, the return leg, inspection,
 * refund, replacement or repair, supplier return, close. The domain's `nextSteps` says what can move
 * the case on; the scheduler does the system's part (steps/), lets the clocks fire as durable timers,
 * and the handlers take the outside world's actions as updates.
 */
export async function afterSalesCaseWorkflow(input: StartCaseInput): Promise<CaseView> {
  const run = new CaseRun(input.caseId, input.requestedAt);
  const notices = new CustomerNotices(input.caseId);
  const refunds = refundActivities(input.refundTaskQueue);
  const scheduler = new CaseScheduler(run, notices, { caseId: input.caseId, run, refunds });

  // Contract v1.1: the case holds its order lines' allowances first (and answers its opener's update).
  const opening =
    input.orderLines !== undefined && patched(ORDER_LINE_ALLOWANCES_PATCH)
      ? new CaseOpening(input, run)
      : null;
  // The request is decided before the handlers exist: actions delivered with the first workflow task
  // (all those received since, after a reset to it) are validated against the case, not against nothing.
  const requested = opening
    ? opening.open(actorOf(input.actor))
    : run.record(
        {
          type: 'REQUEST_CASE',
          data: { caseId: input.caseId, request: input.request, policy: input.policy },
        },
        actorOf(input.actor),
      );
  registerActions(run);
  setHandler(caseViewQuery, () => run.view());
  setHandler(pendingDeadlinesQuery, () => pendingClocks(run.state));
  setHandler(supplierReturnUpdateSignal, (update) => {
    run.record(supplierReturnCommand(update), SUPPLIER_ACTOR).catch(scheduler.failOnError);
  });
  await requested;

  await scheduler.runToEnd();
  if (opening) await endCaseOnLines(run.state);
  await releaseTrackingNumbers(run.state);
  // An action accepted just before the end still gets its answer.
  await condition(allHandlersFinished);
  notices.tell(run.state);
  await notices.allSettled();
  return run.view();
}
