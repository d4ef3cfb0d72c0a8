import { makeCaseItem } from '../../libs/domain/src';
import { warehouseReceiptUpdate } from '../../workflows/after-sales-case.definitions';
import { actors, freshRequest } from '../support/case-driver';
import { CasePlan, CaseStep, inspectStep, policyWith, scanStep } from './support/case-plans';
import { CaseRun } from './support/case-runner';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import {
  allStarted,
  runFaultScenario,
  SCENARIO_TIMEOUT_MS,
  STACK_START_TIMEOUT_MS,
  waitFor,
} from './support/scenario';

/** How many cases lose their DELIVERED webhook. */
const CASES = 6;
/** How long the parcels sit at the dock, every case waiting for a DELIVERED that never comes. */
const LOST_FOR_MS = 8_000;

/** Whether the warehouse scans the parcels at its dock yet (it does once the webhooks are given up as lost). */
let dockOpen = false;

/** The warehouse scans the parcel at its dock: a receipt with a stable id, so a retry is the same receipt. */
function receiptStep(): CaseStep {
  return {
    name: 'warehouse receipt',
    ready: (view) => dockOpen && view.status === 'RETURN_IN_TRANSIT',
    done: (view) => view.status !== 'RETURN_IN_TRANSIT' && view.status !== 'AWAITING_RETURN',
    act: (handle, caseId, view) =>
      handle.executeUpdate(warehouseReceiptUpdate, {
        updateId: `${caseId}:receipt`,
        args: [
          {
            actor: actors.warehouse,
            receiptId: `${caseId}:receipt`,
            warehouseId: 'wh-1',
            trackingNumber: view.returnShipment?.trackingNumber as string,
            receivedAt: new Date().toISOString(),
          },
        ],
      }),
  };
}

/** A pickup return picked up, its DELIVERED webhook lost, received at the dock, graded A: one refund. */
function lostDelivered(n: number): CasePlan {
  // Below the auto-approval limit: the pickup is booked at once.
  const price = { amount: 10_000 + n * 137, currency: 'CNY' };
  return {
    kind: 'delivered-webhook-lost',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: price })] }),
    policy: policyWith(),
    steps: [scanStep('PICKED_UP'), receiptStep(), inspectStep('A_RESELLABLE')],
    expected: { status: 'COMPLETED', refund: price },
  };
}

describe("fault: the carrier's DELIVERED webhooks are lost", () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'lost-delivered-webhook' });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  /** How many of the runs' cases wait in transit (picked up, never delivered). */
  async function inTransit(runs: CaseRun[]): Promise<number> {
    const views = await Promise.all(runs.map((run) => stack.readView(run.caseId)));
    return views.filter((view) => view?.status === 'RETURN_IN_TRANSIT').length;
  }

  it(
    'recovers every case through a warehouse receipt, each refunded once after inspection',
    async () => {
      const plans = Array.from({ length: CASES }, (_, n) => lostDelivered(n));
      let started: CaseRun[] = [];
      const { report, details } = await runFaultScenario(stack, {
        name: 'lost DELIVERED webhooks',
        plans,
        ready: async (runs) => {
          started = runs;
          if (!(await waitFor(() => allStarted(stack, runs), 60_000)))
            throw new Error('the cases did not start');
          if (!(await waitFor(async () => (await inTransit(runs)) === CASES, 90_000))) {
            throw new Error('the cases did not all reach RETURN_IN_TRANSIT');
          }
          return {};
        },
        strike: async () => {
          // Nothing comes from the carrier: the cases stay in transit, none moves on by itself.
          await sleep(LOST_FOR_MS);
          const stillInTransit = await inTransit(started);
          dockOpen = true;
          return { stillInTransitAfterLoss: stillInTransit, lostForS: LOST_FOR_MS / 1000 };
        },
        after: async () => {
          const caseIds = started.map((run) => run.caseId);
          const [counts] = await stack.query<{ receipts: string; delivered: string }>(
            `SELECT count(DISTINCT stream_id) FILTER (WHERE type = 'WAREHOUSE_RECEIPT_RECORDED') AS receipts,
                    count(*) FILTER (WHERE type = 'CARRIER_SCAN_RECORDED' AND data ->> 'scan' = 'DELIVERED') AS delivered
             FROM case_events WHERE stream_id = ANY($1)`,
            [caseIds],
          );
          return {
            recoveredByReceipt: Number(counts?.receipts ?? 0),
            deliveredScans: Number(counts?.delivered ?? 0),
          };
        },
      });
      expect(report.problems).toEqual([]);
      expect(details).toMatchObject({
        stillInTransitAfterLoss: CASES,
        recoveredByReceipt: CASES,
        deliveredScans: 0,
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
