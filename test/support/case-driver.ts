import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowHandle } from '@temporalio/client';
import { CaseRequest, CaseView, Grade, makeCaseRequest, makeTestPolicy, Policy } from '../../libs/domain/src';
import {
  CASE_WORKFLOW_TYPE,
  carrierScanUpdate,
  caseViewQuery,
  caseWorkflowId,
  inspectionUpdate,
  StartCaseInput,
} from '../../workflows/after-sales-case.definitions';
import { eventually } from './eventually';
import { TestStack } from './test-stack';

/** A request delivered yesterday and paid three days ago, so every window is open; override any field. */
export function freshRequest(overrides: Partial<CaseRequest> = {}): CaseRequest {
  const now = Date.now();
  return makeCaseRequest({
    requestId: randomUUID(),
    orderId: `o-${randomUUID().slice(0, 8)}`,
    paidAt: new Date(now - 3 * 86_400_000).toISOString(),
    deliveredAt: new Date(now - 86_400_000).toISOString(),
    ...overrides,
  });
}

/** Starts a case workflow directly on Temporal (the API does the same after validating the body). */
export async function startCase(
  stack: TestStack,
  request: CaseRequest,
  policy: Policy = makeTestPolicy(),
): Promise<{ caseId: string; handle: WorkflowHandle }> {
  const caseId = `t-${randomUUID()}`;
  const input: StartCaseInput = {
    caseId,
    request,
    policy,
    actor: { role: 'customer', id: request.customerId },
    refundTaskQueue: stack.config.refundTaskQueue,
  };
  const handle = await stack.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue: stack.config.caseTaskQueue,
    args: [input],
  });
  return { caseId, handle };
}

/** The case view once `check` passes on it (polling the workflow's query). */
export async function viewWhen(
  handle: WorkflowHandle,
  check: (view: CaseView) => boolean,
  timeoutMs = 30_000,
): Promise<CaseView> {
  let view: CaseView | undefined;
  await eventually(async () => {
    view = await handle.query(caseViewQuery);
    if (!check(view)) throw new Error(`case is ${view.status} (version ${view.version})`);
  }, timeoutMs);
  return view as CaseView;
}

/** With RECORD_HISTORIES=1, writes the workflow's history into test/replay/histories for the replay test. */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const dir = join(__dirname, '..', 'replay', 'histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify(
      {
        workflowId: handle.workflowId,
        history: history,
      },
      null,
      1,
    ),
  );
}

/** Test actors, as the API would pass them from verified tokens. */
export const actors = {
  customer: { role: 'customer', id: 'c-1' },
  merchant: { role: 'merchant', id: 'm-1-agent' },
  carrier: { role: 'carrier', id: 'carrier-1' },
  warehouse: { role: 'warehouse', id: 'wh-1' },
  ops: { role: 'ops', id: 'ops-1' },
};

/** Sends a carrier scan of the case's return parcel. */
export function scan(
  handle: WorkflowHandle,
  trackingNumber: string,
  event: 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED',
) {
  return handle.executeUpdate(carrierScanUpdate, {
    args: [
      {
        actor: actors.carrier,
        eventId: `${handle.workflowId}:${event}`,
        trackingNumber,
        event,
        occurredAt: new Date().toISOString(),
      },
    ],
  });
}

/** Waits for the booked pickup, then scans it picked up and delivered to the warehouse. */
export async function deliverReturn(handle: WorkflowHandle): Promise<CaseView> {
  const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
  const trackingNumber = booked.returnShipment?.trackingNumber as string;
  await scan(handle, trackingNumber, 'PICKED_UP');
  return scan(handle, trackingNumber, 'DELIVERED');
}

/** Records the warehouse's grade of every unit. */
export function inspect(
  handle: WorkflowHandle,
  items: Array<{ sku: string; quantity: number; grade: Grade }>,
) {
  return handle.executeUpdate(inspectionUpdate, {
    args: [
      {
        actor: actors.warehouse,
        inspectionId: `${handle.workflowId}:i`,
        warehouseId: 'wh-1',
        inspector: 'qa-1',
        items,
      },
    ],
  });
}
