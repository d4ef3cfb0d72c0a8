import { randomUUID } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CaseRequest, CaseView, makeCaseItem, makeTestPolicy } from '../../libs/domain/src';
import { OrderLineAllowances } from '../../libs/persistence/src';
import {
  CASE_WORKFLOW_TYPE,
  cancelCaseUpdate,
  caseWorkflowId,
  openCaseUpdate,
  OpenedCase,
  StartCaseInput,
} from '../../workflows/after-sales-case.definitions';
import { actors, freshRequest, recordHistory } from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

// Real Temporal and PostgreSQL: jest's default 5 s is too short.
jest.setTimeout(120_000);

/** A v1.1 case as the API starts it: its items on lines of an order, the order's lines in the input. */
function onOrder(
  request: CaseRequest,
  ordered = 1,
): { request: CaseRequest; input: Omit<StartCaseInput, 'caseId' | 'refundTaskQueue'> } {
  const items = request.items.map((item, index) => ({ ...item, lineId: `${request.orderId}-${index + 1}` }));
  return {
    request: { ...request, items },
    input: {
      request: { ...request, items },
      policy: makeTestPolicy(),
      actor: { role: 'customer', id: request.customerId },
      orderLines: items.map(({ lineId, sku, unitPrice }) => ({
        lineId,
        sku,
        quantity: ordered,
        unitPaid: unitPrice,
      })),
      requestFingerprint: `fp-${request.requestId}`,
    },
  };
}

describe('case workflow: order line allowances (contract v1.1)', () => {
  let stack: TestStack;
  let lines: OrderLineAllowances;

  beforeAll(async () => {
    stack = await startTestStack();
    lines = new OrderLineAllowances(stack.runtime.dataSource);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Starts the case with its opening update, as `POST /v1/cases` does (update-with-start). */
  const open = async (v11: ReturnType<typeof onOrder>) => {
    const caseId = `t-${randomUUID()}`;
    const start = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: stack.config.caseTaskQueue,
      args: [
        { ...v11.input, caseId, refundTaskQueue: stack.config.refundTaskQueue } satisfies StartCaseInput,
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const opened: Promise<OpenedCase> = stack.temporal.workflow.executeUpdateWithStart(openCaseUpdate, {
      args: [{ requestFingerprint: v11.input.requestFingerprint as string }],
      startWorkflowOperation: start,
    });
    return { caseId, opened, handle: await start.workflowHandle() };
  };

  const freshClaim = () =>
    freshRequest({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [
        makeCaseItem({ sku: 'fresh-1', category: 'FRESH', unitPrice: { amount: 8800, currency: 'CNY' } }),
      ],
      evidence: [{ kind: 'PHOTO', url: 'https://example.test/spoiled.jpg' }],
    });

  it('holds the line when a refund-only claim opens, consumes it when refunded, and refuses a second claim', async () => {
    const claim = onOrder(freshClaim());
    const first = await open(claim);
    expect((await first.opened).opened).toBe(true);
    const done = (await first.handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.items[0]!.lineId).toBe(`${claim.request.orderId}-1`);
    await eventually(async () =>
      expect(await lines.readOrder(claim.request.orderId)).toEqual([
        expect.objectContaining({ returned: 1, returnable: 0, refunded: { amount: 8800, currency: 'CNY' } }),
      ]),
    );
    const firstHandle = first.handle;
    await recordHistory(firstHandle, 'v1-1-fresh-claim-consumes-line');

    const again = onOrder({ ...claim.request, requestId: randomUUID() });
    const second = await open(again);
    const refusal = await second.opened.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((refusal as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(
      'LINE_ALLOWANCE_EXCEEDED',
    );
    const ended = await second.handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ended).toBeInstanceOf(WorkflowFailedError);
    const secondHandle = second.handle;
    await recordHistory(secondHandle, 'v1-1-line-allowance-exceeded');
  });

  it("gives a cancelled case's units back to its line", async () => {
    const quality = onOrder(
      freshRequest({ reason: 'QUALITY_ISSUE', returnMethod: 'SELF_SHIP', pickupAddress: undefined }),
    );
    const opened = await open(quality);
    expect((await opened.opened).view.status).toBe('PENDING_MERCHANT_REVIEW');
    expect(await lines.readOrder(quality.request.orderId)).toEqual([
      expect.objectContaining({ heldByOpenCases: 1, returnable: 0 }),
    ]);
    await opened.handle.executeUpdate(cancelCaseUpdate, {
      args: [{ actor: actors.customer, note: 'found it' }],
    });
    expect(((await opened.handle.result()) as CaseView).status).toBe('CANCELLED');
    expect(await lines.readOrder(quality.request.orderId)).toEqual([
      expect.objectContaining({ heldByOpenCases: 0, returned: 0, returnable: 1 }),
    ]);
    const { handle } = opened;
    await recordHistory(handle, 'v1-1-cancelled-gives-line-back');
  });
});
