import { ApplicationFailure, WorkflowFailedError, WorkflowHandle } from '@temporalio/client';
import {
  CaseItem,
  CaseView,
  makeCaseItem,
  makeTestPolicy,
  Policy,
  PolicyClocks,
} from '../../libs/domain/src';
import { EventStore, StoredEvent } from '../../libs/persistence/src';
import {
  arbitrationUpdate,
  cancelCaseUpdate,
  escalateUpdate,
  merchantDecisionUpdate,
  returnShipmentUpdate,
} from '../../workflows/after-sales-case.definitions';
import {
  actors,
  deliverReturn,
  freshRequest,
  inspect,
  recordHistory,
  scan,
  startCase,
  viewWhen,
} from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

/** Every clock a test does not let expire runs long, so a slow machine never fires it by accident. */
const LONG_CLOCKS: PolicyClocks = {
  merchantResponse: 'PT2M',
  customerShip: 'PT2M',
  warehouseInspect: 'PT2M',
  escalationWindow: 'PT2M',
  merchantEscalationAnswer: 'PT2M',
  refundAfterInspection: 'PT2M',
  replacementShip: 'PT2M',
  repairMaxDuration: 'PT2M',
};

/** The test policy with long clocks, but for the given ones (the clocks a test lets expire: 3 s). */
function policyWith(clocks: Partial<PolicyClocks> = {}): Policy {
  return makeTestPolicy({ allProfiles: { clocks: { ...LONG_CLOCKS, ...clocks } } });
}

/** Waiting for a clock of 3 s on a busy machine. */
const CLOCK_WAIT_MS = 60_000;

/** A GENERAL item over the national autoApproveLimit (200.00 CNY), so the merchant must answer. */
const pricyItem = (overrides: Partial<CaseItem> = {}) =>
  makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' }, ...overrides });

/** A quality-problem return a STANDARD customer asks for: not auto-approved. */
const qualityReturn = (overrides: Parameters<typeof freshRequest>[0] = {}) =>
  freshRequest({ reason: 'QUALITY_ISSUE', items: [pricyItem()], ...overrides });

describe('case workflow: approval, rejection, escalation and the other paths', () => {
  let stack: TestStack;
  let events: EventStore;

  beforeAll(async () => {
    stack = await startTestStack();
    events = new EventStore(stack.runtime.dataSource);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** The case's event log, as the workflow appended it. */
  const logOf = (caseId: string): Promise<StoredEvent[]> => events.readStream(caseId);
  const typesOf = async (caseId: string) => (await logOf(caseId)).map((event) => event.type);
  const dataOf = async <T>(caseId: string, type: string): Promise<T[]> =>
    (await logOf(caseId)).filter((event) => event.type === type).map((event) => event.data as T);

  const decide = (
    handle: WorkflowHandle,
    decision: 'APPROVE' | 'REJECT',
    extra: { note?: string; refundAmount?: { amount: number; currency: string } } = {},
  ) =>
    handle.executeUpdate(merchantDecisionUpdate, {
      args: [{ actor: actors.merchant, decisionId: `${handle.workflowId}:${decision}`, decision, ...extra }],
    });

  const escalate = (handle: WorkflowHandle) =>
    handle.executeUpdate(escalateUpdate, {
      args: [
        {
          actor: actors.customer,
          escalationId: `${handle.workflowId}:esc`,
          note: 'the item is faulty, see the photos',
          evidence: [{ kind: 'PHOTO', url: 'https://example.test/fault.jpg' }],
        },
      ],
    });

  /** Rejected by the merchant, then escalated by the customer. */
  async function rejectAndEscalate(handle: WorkflowHandle): Promise<CaseView> {
    await viewWhen(handle, (view) => view.status === 'PENDING_MERCHANT_REVIEW');
    const rejected = await decide(handle, 'REJECT', { note: 'looks used' });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.deadlines.escalateBy).not.toBeNull();
    const escalated = await escalate(handle);
    expect(escalated.status).toBe('ESCALATED');
    expect(escalated.deadlines.merchantAnswerBy).not.toBeNull();
    return escalated;
  }

  const payoutsOf = async (caseId: string) =>
    (await stack.sandbox.control.ledger(caseId)).payouts.map((payout) => payout.amount);

  it('approves a case the merchant leaves unanswered once the merchant-response clock expires', async () => {
    const request = qualityReturn();
    const { caseId, handle } = await startCase(stack, request, policyWith({ merchantResponse: 'PT3S' }));

    const pending = await viewWhen(handle, (view) => view.version >= 1);
    expect(pending).toMatchObject({
      status: 'PENDING_MERCHANT_REVIEW',
      eligibility: { eligible: true, rule: 'QUALITY_RETURN', autoApproved: false, freightPayer: 'MERCHANT' },
    });
    const respondBy = pending.deadlines.merchantRespondBy as string;
    expect(respondBy).not.toBeNull();

    const approved = await viewWhen(handle, (view) => view.status === 'AWAITING_RETURN', CLOCK_WAIT_MS);
    expect(approved.deadlines.merchantRespondBy).toBeNull();
    expect(approved.deadlines.customerShipBy).not.toBeNull();
    const [approval] = await dataOf<{ by: string; returnRequired: boolean }>(caseId, 'CASE_APPROVED');
    expect(approval).toMatchObject({ by: 'TIMEOUT', returnRequired: true });
    const approvedEvent = (await logOf(caseId)).find((event) => event.type === 'CASE_APPROVED');
    expect(Date.parse(approvedEvent?.occurredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(respondBy));

    // The case then goes on as any approved return: picked up, inspected, refunded once.
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(await payoutsOf(caseId)).toEqual([request.items[0].unitPrice]);
    await recordHistory(handle, 'merchant-response-timeout-approval');
  });

  it('lets the merchant approve a pending case, then follows the self-shipped return to one refund', async () => {
    const request = qualityReturn({ returnMethod: 'SELF_SHIP', pickupAddress: undefined });
    const { caseId, handle } = await startCase(stack, request, policyWith());
    await viewWhen(handle, (view) => view.status === 'PENDING_MERCHANT_REVIEW');

    const approved = await decide(handle, 'APPROVE', { note: 'sorry about that' });
    expect(approved.status).toBe('AWAITING_RETURN');
    expect(approved.deadlines.merchantRespondBy).toBeNull();
    expect(approved.returnShipment).toMatchObject({ method: 'SELF_SHIP', status: 'NOT_SHIPPED' });
    expect(await dataOf(caseId, 'CASE_APPROVED')).toEqual([expect.objectContaining({ by: 'MERCHANT' })]);

    const trackingNumber = `SF${Date.now()}`;
    const shipped = await handle.executeUpdate(returnShipmentUpdate, {
      args: [{ actor: actors.customer, carrier: 'SF', trackingNumber }],
    });
    expect(shipped).toMatchObject({ status: 'RETURN_IN_TRANSIT', deadlines: { customerShipBy: null } });
    await scan(handle, trackingNumber, 'PICKED_UP');
    await scan(handle, trackingNumber, 'IN_TRANSIT');
    const arrived = await scan(handle, trackingNumber, 'DELIVERED');
    expect(arrived.status).toBe('AWAITING_INSPECTION');
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);

    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution?.refunds).toEqual([
      expect.objectContaining({ amount: request.items[0].unitPrice, status: 'SUCCEEDED' }),
    ]);
    expect(await payoutsOf(caseId)).toEqual([request.items[0].unitPrice]);
    await recordHistory(handle, 'merchant-approves-self-ship');
  });

  it('closes a rejected case when the customer does not escalate within the escalation window', async () => {
    const { caseId, handle } = await startCase(
      stack,
      qualityReturn(),
      policyWith({ escalationWindow: 'PT3S' }),
    );
    await viewWhen(handle, (view) => view.status === 'PENDING_MERCHANT_REVIEW');
    const rejected = await decide(handle, 'REJECT', { note: 'outside our terms' });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.deadlines).toMatchObject({ merchantRespondBy: null, escalateBy: expect.any(String) });

    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({
      status: 'CLOSED',
      closedReason: 'ESCALATION_WINDOW_EXPIRED',
      resolution: null,
    });
    expect(await typesOf(caseId)).toEqual(['CASE_REQUESTED', 'CASE_REJECTED', 'CASE_CLOSED']);
    expect(await payoutsOf(caseId)).toEqual([]);
    await recordHistory(handle, 'rejection-not-escalated');
  });

  it('goes on with the return when the merchant settles an escalation by approving it', async () => {
    const request = qualityReturn();
    const { caseId, handle } = await startCase(stack, request, policyWith());
    await rejectAndEscalate(handle);

    const settled = await handle.executeUpdate(merchantDecisionUpdate, {
      args: [
        {
          actor: actors.merchant,
          decisionId: `${handle.workflowId}:settle`,
          decision: 'APPROVE',
          note: 'ok',
        },
      ],
    });
    expect(settled.status).toBe('AWAITING_RETURN');
    expect(settled.deadlines).toMatchObject({ merchantAnswerBy: null, escalateBy: null });
    // The pickup may be booked already: the first four events are the approval path.
    expect((await typesOf(caseId)).slice(0, 4)).toEqual([
      'CASE_REQUESTED',
      'CASE_REJECTED',
      'CASE_ESCALATED',
      'CASE_APPROVED',
    ]);
    expect(await dataOf(caseId, 'CASE_APPROVED')).toEqual([
      expect.objectContaining({ by: 'MERCHANT', returnRequired: true }),
    ]);

    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(await payoutsOf(caseId)).toEqual([request.items[0].unitPrice]);
    expect(await typesOf(caseId)).not.toContain('ARBITRATION_OPENED');
    await recordHistory(handle, 'escalation-settled-by-merchant');
  });

  it('opens arbitration when the merchant does not answer an escalation, and closes on a MERCHANT_FAVOR ruling', async () => {
    const { caseId, handle } = await startCase(
      stack,
      qualityReturn(),
      policyWith({ merchantEscalationAnswer: 'PT3S' }),
    );
    await rejectAndEscalate(handle);

    const arbitration = await viewWhen(handle, (view) => view.status === 'IN_ARBITRATION', CLOCK_WAIT_MS);
    expect(arbitration.deadlines.merchantAnswerBy).toBeNull();
    expect(await dataOf(caseId, 'ARBITRATION_OPENED')).toEqual([
      expect.objectContaining({ cause: 'MERCHANT_DID_NOT_ANSWER' }),
    ]);

    const ruled = await handle.executeUpdate(arbitrationUpdate, {
      args: [
        {
          actor: actors.ops,
          rulingId: `${handle.workflowId}:ruling`,
          ruling: 'MERCHANT_FAVOR',
          note: 'the photos show wear, not a defect',
        },
      ],
    });
    expect(ruled).toMatchObject({ status: 'CLOSED', closedReason: 'ARBITRATION_MERCHANT_FAVOR' });
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({
      status: 'CLOSED',
      closedReason: 'ARBITRATION_MERCHANT_FAVOR',
      resolution: null,
    });
    expect(await typesOf(caseId)).toEqual([
      'CASE_REQUESTED',
      'CASE_REJECTED',
      'CASE_ESCALATED',
      'ARBITRATION_OPENED',
      'ARBITRATION_RULED',
      'CASE_CLOSED',
    ]);
    expect(await payoutsOf(caseId)).toEqual([]);
    await recordHistory(handle, 'arbitration-merchant-favor');
  });

  it('refunds the ruled amount once, without return, on a CUSTOMER_FAVOR ruling after an unanswered escalation', async () => {
    const { caseId, handle } = await startCase(
      stack,
      qualityReturn(),
      policyWith({ merchantEscalationAnswer: 'PT3S' }),
    );
    await rejectAndEscalate(handle);
    await viewWhen(handle, (view) => view.status === 'IN_ARBITRATION', CLOCK_WAIT_MS);

    const refundAmount = { amount: 18000, currency: 'CNY' };
    await handle.executeUpdate(arbitrationUpdate, {
      args: [
        {
          actor: actors.ops,
          rulingId: `${handle.workflowId}:ruling`,
          ruling: 'CUSTOMER_FAVOR',
          refundAmount,
          note: 'partly defective: refund 180.00 and keep the item',
        },
      ],
    });
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.returnShipment).toBeNull();
    expect(done.resolution).toMatchObject({
      kind: 'REFUND',
      refunds: [expect.objectContaining({ amount: refundAmount, status: 'SUCCEEDED' })],
      refundedTotal: refundAmount,
    });
    expect(await dataOf(caseId, 'CASE_APPROVED')).toEqual([
      expect.objectContaining({ by: 'ARBITRATION', returnRequired: false, refundAmount }),
    ]);
    expect(await payoutsOf(caseId)).toEqual([refundAmount]);
    await recordHistory(handle, 'arbitration-customer-favor-refund');
  });

  it('refuses a no-reason return of a made-to-order item: the workflow fails with NOT_ELIGIBLE and records nothing', async () => {
    const { caseId, handle } = await startCase(
      stack,
      freshRequest({ items: [makeCaseItem({ category: 'CUSTOM' })] }),
      policyWith(),
    );
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'NOT_ELIGIBLE', nonRetryable: true });
    expect((cause as ApplicationFailure).details?.[0]).toEqual({
      currentStatus: 'NONE',
      details: [expect.objectContaining({ code: 'EXCLUDED_CATEGORY' })],
    });
    expect(await logOf(caseId)).toEqual([]);
    expect(await payoutsOf(caseId)).toEqual([]);
    await recordHistory(handle, 'request-not-eligible');
  });

  it('refuses a no-reason return asked for after its 7-day window with OUT_OF_WINDOW', async () => {
    const now = Date.now();
    const { caseId, handle } = await startCase(
      stack,
      freshRequest({
        paidAt: new Date(now - 40 * 86_400_000).toISOString(),
        deliveredAt: new Date(now - 30 * 86_400_000).toISOString(),
      }),
      policyWith(),
    );
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({
      type: 'OUT_OF_WINDOW',
      nonRetryable: true,
    });
    expect(await logOf(caseId)).toEqual([]);
  });

  it('cancels an approved pickup case after the booking and gives the carrier booking back', async () => {
    const { caseId, handle } = await startCase(stack, freshRequest(), policyWith());
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    expect(booked).toMatchObject({ status: 'AWAITING_RETURN', eligibility: { autoApproved: true } });
    const bookingId = booked.returnShipment?.bookingId as string;
    expect(bookingId).toBeTruthy();

    const cancelled = await handle.executeUpdate(cancelCaseUpdate, {
      args: [{ actor: actors.customer, note: 'changed my mind' }],
    });
    expect(cancelled.status).toBe('CANCELLED');

    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('CANCELLED');
    expect(done.returnShipment).toMatchObject({ bookingId, status: 'CANCELLED' });
    expect(await typesOf(caseId)).toEqual([
      'CASE_REQUESTED',
      'CASE_APPROVED',
      'PICKUP_BOOKED',
      'CASE_CANCELLED',
      'PICKUP_CANCELLED',
    ]);
    const response = await fetch(`${stack.sandbox.url}/carrier/pickups/${encodeURIComponent(bookingId)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ bookingId, caseId, status: 'CANCELLED' });
    expect(await payoutsOf(caseId)).toEqual([]);
    await recordHistory(handle, 'cancel-after-pickup-booked');
  });

  it("refunds a trusted customer's return when the carrier picks it up, before inspection, and pays once", async () => {
    const request = freshRequest({ reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED', items: [pricyItem()] });
    const paid = request.items[0].unitPrice;
    const { caseId, handle } = await startCase(stack, request, policyWith());
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    expect(booked.eligibility).toMatchObject({ autoApproved: true, fastRefundEligible: true });
    const trackingNumber = booked.returnShipment?.trackingNumber as string;

    await scan(handle, trackingNumber, 'PICKED_UP');
    const refunded = await viewWhen(handle, (view) => view.resolution?.refunds[0]?.status === 'SUCCEEDED');
    expect(refunded).toMatchObject({ status: 'RETURN_IN_TRANSIT', inspection: null });
    expect(refunded.resolution?.refunds).toEqual([
      expect.objectContaining({ purpose: 'FAST_REFUND', amount: paid, status: 'SUCCEEDED' }),
    ]);
    expect(await payoutsOf(caseId)).toEqual([paid]);

    const arrived = await scan(handle, trackingNumber, 'DELIVERED');
    expect(arrived.status).toBe('AWAITING_INSPECTION');
    const inspected = await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    expect(inspected.inspection?.items).toEqual([expect.objectContaining({ grade: 'A_RESELLABLE' })]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution).toMatchObject({ refundedTotal: paid, recoveryDue: { amount: 0 } });
    expect(done.resolution?.refunds).toHaveLength(1);
    const types = await typesOf(caseId);
    expect(types.indexOf('FAST_REFUND_GRANTED')).toBeLessThan(types.indexOf('INSPECTION_RECORDED'));
    expect(await payoutsOf(caseId)).toEqual([paid]);
    await recordHistory(handle, 'fast-refund-at-pickup');
  });

  it('files and is paid the return-shipping insurance claim once after pickup', async () => {
    const request = freshRequest({ shippingInsurance: true });
    const { caseId, handle } = await startCase(stack, request, policyWith());
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    expect(booked.eligibility.freightPayer).toBe('CUSTOMER');
    const trackingNumber = booked.returnShipment?.trackingNumber as string;
    expect(await typesOf(caseId)).not.toContain('INSURANCE_CLAIM_FILED');

    await scan(handle, trackingNumber, 'PICKED_UP');
    await eventually(async () => {
      expect(await typesOf(caseId)).toContain('INSURANCE_CLAIM_PAID');
    }, 30_000);
    await scan(handle, trackingNumber, 'DELIVERED');
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');

    const filed = await dataOf<{ claimId: string }>(caseId, 'INSURANCE_CLAIM_FILED');
    const claimPaid = await dataOf<{ claimId: string; amount: unknown }>(caseId, 'INSURANCE_CLAIM_PAID');
    expect(filed).toHaveLength(1);
    expect(claimPaid).toEqual([{ claimId: filed[0].claimId, amount: { amount: 1200, currency: 'CNY' } }]);
    const claims = [...stack.sandbox.instance.state.insurance.byId.values()].filter(
      (claim) => claim.caseId === caseId,
    );
    expect(claims).toEqual([
      expect.objectContaining({ claimId: filed[0].claimId, trackingNumber, status: 'PAID' }),
    ]);
    // The freight claim is the insurer's money, not a refund: the item's refund is the only payout.
    expect(await payoutsOf(caseId)).toEqual([request.items[0].unitPrice]);
    await recordHistory(handle, 'shipping-insurance-claim');
  });

  it('refunds a spoiled fresh-food claim with photos without a return, and completes', async () => {
    const now = Date.now();
    const request = freshRequest({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [
        makeCaseItem({ sku: 'fresh-1', category: 'FRESH', unitPrice: { amount: 8800, currency: 'CNY' } }),
      ],
      paidAt: new Date(now - 2 * 86_400_000).toISOString(),
      deliveredAt: new Date(now - 5 * 3_600_000).toISOString(),
      evidence: [{ kind: 'PHOTO', url: 'https://example.test/spoiled.jpg' }],
    });
    const { caseId, handle } = await startCase(stack, request, policyWith());
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({
      status: 'COMPLETED',
      returnShipment: null,
      eligibility: { rule: 'FRESH_CLAIM', autoApproved: true, freightPayer: 'NONE' },
      resolution: { kind: 'REFUND', refundedTotal: { amount: 8800, currency: 'CNY' } },
    });
    expect(done.resolution?.refunds).toEqual([
      expect.objectContaining({ amount: { amount: 8800, currency: 'CNY' }, status: 'SUCCEEDED' }),
    ]);
    const types = await typesOf(caseId);
    expect(types).not.toContain('PICKUP_BOOKED');
    expect(types).not.toContain('CARRIER_SCAN_RECORDED');
    expect(await payoutsOf(caseId)).toEqual([{ amount: 8800, currency: 'CNY' }]);
    await recordHistory(handle, 'fresh-claim-refund-only');
  });

  it('refunds the price drop times the quantity on an approved price-protection claim', async () => {
    const request = freshRequest({
      merchantId: 'm-jd-style',
      type: 'PRICE_PROTECTION',
      reason: 'PRICE_DROP',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [makeCaseItem({ quantity: 3, currentUnitPrice: { amount: 9999, currency: 'CNY' } })],
    });
    const { caseId, handle } = await startCase(stack, request, policyWith());
    const pending = await viewWhen(handle, (view) => view.version >= 1);
    expect(pending).toMatchObject({
      status: 'PENDING_MERCHANT_REVIEW',
      eligibility: { rule: 'PRICE_PROTECTION', profile: 'platform-plus', freightPayer: 'NONE' },
    });
    await decide(handle, 'APPROVE');

    const done = (await handle.result()) as CaseView;
    // (129.99 - 99.99) × 3 = 90.00
    const drop = { amount: (12999 - 9999) * 3, currency: 'CNY' };
    expect(done).toMatchObject({ status: 'COMPLETED', returnShipment: null });
    expect(done.resolution?.refunds).toEqual([
      expect.objectContaining({ amount: drop, status: 'SUCCEEDED' }),
    ]);
    expect(await payoutsOf(caseId)).toEqual([drop]);
    await recordHistory(handle, 'price-protection-refund');
  });
});
