import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import {
  CaseItem,
  CaseView,
  makeCaseItem,
  makeTestPolicy,
  Policy,
  PolicyClocks,
} from '../../libs/domain/src';
import { caseViewQuery, merchantDecisionUpdate } from '../../workflows/after-sales-case.definitions';
import {
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  supplierReturnsWorkflowId,
} from '../../workflows/supplier-returns.definitions';
import {
  actors,
  deliverReturn,
  freshRequest,
  inspect,
  recordHistory,
  startCase,
  viewWhen,
} from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

/**
 * The resolution paths after inspection (replacement, repair, supplier return) and the SLA alert
 * clocks, one test per path, against the real Temporal server, our worker and the sandbox.
 */
describe('case workflow: exchange, repair, SLA alerts and supplier returns', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /**
   * A test policy whose clocks before inspection are roomy (the test drives those steps itself and a
   * busy machine must not make them expire), with the clocks under test set per test.
   */
  const policyWith = (clocks: Partial<PolicyClocks> = {}): Policy =>
    makeTestPolicy({
      allProfiles: {
        clocks: {
          merchantResponse: 'PT60S',
          customerShip: 'PT60S',
          warehouseInspect: 'PT60S',
          ...clocks,
        },
      },
    });

  /** A unique SKU, so stock set for one test never leaks into another. */
  const uniqueSku = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  /** An item without a supplier: no supplier return is queued, the path stays about its resolution. */
  const itemWithoutSupplier = (overrides: Partial<CaseItem> = {}): CaseItem => {
    const { supplierId: _none, ...item } = makeCaseItem(overrides);
    return item;
  };

  /** The merchant approves a quality request (not auto-approved). */
  async function approve(handle: WorkflowHandle): Promise<CaseView> {
    await viewWhen(handle, (view) => view.status === 'PENDING_MERCHANT_REVIEW');
    return handle.executeUpdate(merchantDecisionUpdate, {
      args: [{ actor: actors.merchant, decisionId: `${handle.workflowId}:approve`, decision: 'APPROVE' }],
    });
  }

  /** Opens a quality case, lets the merchant approve it, and brings the return to the warehouse. */
  async function openAndDeliver(
    items: CaseItem[],
    type: 'EXCHANGE' | 'REPAIR' | 'RETURN_REFUND',
    policy: Policy,
  ) {
    const request = freshRequest({ type, reason: 'QUALITY_ISSUE', items });
    const started = await startCase(stack, request, policy);
    const approved = await approve(started.handle);
    expect(approved).toMatchObject({ status: 'AWAITING_RETURN', eligibility: { freightPayer: 'MERCHANT' } });
    const delivered = await deliverReturn(started.handle);
    expect(delivered.status).toBe('AWAITING_INSPECTION');
    return { ...started, request };
  }

  const sandboxState = () => stack.sandbox.instance.state;
  const reservationsOf = (caseId: string) =>
    [...sandboxState().wms.reservations.values()].filter((reservation) => reservation.caseId === caseId);
  const repairsOf = (caseId: string) =>
    [...sandboxState().repair.byId.values()].filter((repair) => repair.caseId === caseId);

  it('ships a reserved replacement for a defective exchanged unit and completes without a refund', async () => {
    const sku = uniqueSku('sku-exchange');
    await stack.sandbox.control.setStock(sku, 3);
    const { caseId, handle } = await openAndDeliver([itemWithoutSupplier({ sku })], 'EXCHANGE', policyWith());

    const inspected = await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
    expect(inspected.inspection?.items).toEqual([
      { sku, quantity: 1, grade: 'C_DEFECTIVE', disposition: 'RETURN_TO_SUPPLIER' },
    ]);
    expect(inspected.deadlines.replacementShipBy).not.toBeNull();

    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution).toMatchObject({
      kind: 'REPLACEMENT',
      refunds: [],
      refundedTotal: { amount: 0, currency: 'CNY' },
      replacement: { status: 'SHIPPED', carrier: expect.any(String), trackingNumber: expect.any(String) },
    });
    expect(done.deadlines.replacementShipBy).toBeNull();
    expect(done.flags).toEqual([]);
    const trackingNumber = done.resolution?.replacement?.trackingNumber as string;

    // The sandbox: one unit reserved and shipped under that tracking number, no money paid.
    expect(reservationsOf(caseId)).toEqual([
      expect.objectContaining({ sku, quantity: 1, status: 'SHIPPED' }),
    ]);
    expect(sandboxState().wms.stock.get(sku)).toBe(2);
    expect(sandboxState().carrier.parcels.get(trackingNumber)).toMatchObject({ kind: 'SHIPMENT', caseId });
    const ledger = await stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts).toEqual([]);
    expect(ledger.counters.callsReceived).toBe(0);
    await recordHistory(handle, 'exchange-replacement-shipped');
  });

  it('falls back to exactly one full refund when the exchange has no stock', async () => {
    const sku = uniqueSku('sku-no-stock');
    await stack.sandbox.control.setStock(sku, 0);
    const { caseId, handle, request } = await openAndDeliver(
      [itemWithoutSupplier({ sku })],
      'EXCHANGE',
      policyWith(),
    );

    await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    const paid = request.items[0].unitPrice;
    expect(done.resolution).toMatchObject({
      kind: 'REFUND',
      replacement: { status: 'UNAVAILABLE', trackingNumber: null },
      refunds: [expect.objectContaining({ amount: paid, status: 'SUCCEEDED', purpose: 'SETTLEMENT' })],
      refundedTotal: paid,
    });
    expect(done.resolution?.refunds).toHaveLength(1);

    // Nothing was reserved (nothing to give back), the stock is untouched, and the money left once.
    expect(reservationsOf(caseId)).toEqual([]);
    expect(sandboxState().wms.stock.get(sku)).toBe(0);
    const ledger = await stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts.map((payout) => payout.amount)).toEqual([paid]);
    expect(ledger.counters.refundsCreated).toBe(1);
    await recordHistory(handle, 'exchange-out-of-stock-refund');
  });

  it('completes a warranty repair of electronics when the repair centre repairs the unit', async () => {
    await stack.sandbox.control.setKnobs({ repair: { outcome: 'REPAIRED', durationMs: 500 } });
    const sku = uniqueSku('sku-phone');
    const { caseId, handle } = await openAndDeliver(
      [itemWithoutSupplier({ sku, category: 'ELECTRONICS', warrantyMonths: 12, portable: true })],
      'REPAIR',
      policyWith({ repairMaxDuration: 'PT60S' }),
    );
    const requested = await handle.query(caseViewQuery);
    expect(requested.eligibility).toMatchObject({ eligible: true, rule: 'WARRANTY_REPAIR' });

    const inspected = await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
    expect(inspected.deadlines.repairBy).not.toBeNull();
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution).toMatchObject({
      kind: 'REPAIR',
      refunds: [],
      repair: { status: 'COMPLETED', attempts: 1, failures: 0 },
    });
    expect(done.deadlines.repairBy).toBeNull();

    expect(repairsOf(caseId)).toEqual([expect.objectContaining({ sku, outcome: 'REPAIRED' })]);
    expect((await stack.sandbox.control.ledger(caseId)).payouts).toEqual([]);
    await recordHistory(handle, 'repair-completed');
  });

  it('turns a repair that fails twice into a full refund', async () => {
    await stack.sandbox.control.setKnobs({ repair: { outcome: 'FAILED', durationMs: 200 } });
    try {
      const sku = uniqueSku('sku-laptop');
      const item = itemWithoutSupplier({
        sku,
        category: 'ELECTRONICS',
        warrantyMonths: 24,
        unitPrice: { amount: 459900, currency: 'CNY' },
      });
      const { caseId, handle } = await openAndDeliver(
        [item],
        'REPAIR',
        policyWith({ repairMaxDuration: 'PT90S' }),
      );
      await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);

      const done = (await handle.result()) as CaseView;
      expect(done.status).toBe('COMPLETED');
      expect(done.resolution).toMatchObject({
        kind: 'REFUND',
        repair: { status: 'CONVERTED', attempts: 2, failures: 2 },
        refunds: [expect.objectContaining({ amount: item.unitPrice, status: 'SUCCEEDED' })],
        refundedTotal: item.unitPrice,
      });
      expect(done.resolution?.refunds).toHaveLength(1);

      // Two repair orders went to the repair centre, both failed; the customer was paid once.
      const orders = repairsOf(caseId);
      expect(orders).toHaveLength(2);
      expect(orders.map((order) => order.outcome)).toEqual(['FAILED', 'FAILED']);
      const ledger = await stack.sandbox.control.ledger(caseId);
      expect(ledger.payouts.map((payout) => payout.amount)).toEqual([item.unitPrice]);
      await recordHistory(handle, 'repair-failed-twice-refund');
    } finally {
      await stack.sandbox.control.setKnobs({ repair: { outcome: 'REPAIRED', durationMs: 500 } });
    }
  });

  it('turns a repair that outlasts repairMaxDuration into a full refund', async () => {
    // The repair centre keeps the unit for an hour: only the repair clock can move the case on.
    await stack.sandbox.control.setKnobs({ repair: { outcome: 'REPAIRED', durationMs: 3_600_000 } });
    try {
      const sku = uniqueSku('sku-tv');
      const item = itemWithoutSupplier({
        sku,
        category: 'ELECTRONICS',
        portable: false,
        unitPrice: { amount: 299900, currency: 'CNY' },
      });
      const { caseId, handle } = await openAndDeliver(
        [item],
        'REPAIR',
        policyWith({ repairMaxDuration: 'PT3S' }),
      );
      await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
      const repairing = await viewWhen(handle, (view) => view.resolution?.repair?.status === 'IN_REPAIR');
      expect(repairing).toMatchObject({ status: 'REPAIRING', deadlines: { repairBy: expect.any(String) } });

      const done = (await handle.result()) as CaseView;
      expect(done.status).toBe('COMPLETED');
      expect(done.resolution).toMatchObject({
        kind: 'REFUND',
        repair: { status: 'CONVERTED', attempts: 1, failures: 0 },
        refunds: [expect.objectContaining({ amount: item.unitPrice, status: 'SUCCEEDED' })],
      });
      expect(done.resolution?.refunds).toHaveLength(1);

      // The repair order is still open at the repair centre; the customer was paid once.
      const orders = repairsOf(caseId);
      expect(orders).toHaveLength(1);
      expect(Date.parse(orders[0].completesAt)).toBeGreaterThan(Date.now());
      const ledger = await stack.sandbox.control.ledger(caseId);
      expect(ledger.payouts.map((payout) => payout.amount)).toEqual([item.unitPrice]);
      await recordHistory(handle, 'repair-too-long-refund');
    } finally {
      await stack.sandbox.control.setKnobs({ repair: { outcome: 'REPAIRED', durationMs: 500 } });
    }
  });

  it('flags the case when the refund is not paid by refundAfterInspection, then pays it once when the refund system recovers', async () => {
    const request = freshRequest();
    const { caseId, handle } = await startCase(stack, request, policyWith({ refundAfterInspection: 'PT3S' }));
    await deliverReturn(handle);
    await stack.sandbox.control.setFault('refund', { failUntilCleared: true });
    try {
      const inspected = await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
      expect(inspected.deadlines.refundBy).not.toBeNull();

      const stuck = await viewWhen(handle, (view) =>
        view.flags.some((flag) => flag.kind === 'SLA_BREACHED' && flag.clock === 'REFUND_AFTER_INSPECTION'),
      );
      expect(stuck.status).toBe('REFUNDING');
      expect(stuck.deadlines.refundBy).toBeNull();
      expect(stuck.resolution?.refunds).toEqual([
        expect.objectContaining({ amount: request.items[0].unitPrice, status: 'PENDING' }),
      ]);
      const faults = await stack.sandbox.control.faults();
      expect(faults.refund.stats.failuresInjected).toBeGreaterThan(0);
      expect((await stack.sandbox.control.ledger(caseId)).payouts).toEqual([]);
    } finally {
      await stack.sandbox.control.clearFault('refund');
    }

    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution?.refunds).toEqual([
      expect.objectContaining({ amount: request.items[0].unitPrice, status: 'SUCCEEDED' }),
    ]);
    const ledger = await stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts.map((payout) => payout.amount)).toEqual([request.items[0].unitPrice]);
    expect(ledger.counters.refundsCreated).toBe(1);
    await recordHistory(handle, 'refund-sla-breached-then-paid');
  });

  it('flags the case when the replacement is not shipped by replacementShip, then ships it when the warehouse recovers', async () => {
    const sku = uniqueSku('sku-wms-down');
    await stack.sandbox.control.setStock(sku, 1);
    const { caseId, handle } = await openAndDeliver(
      [itemWithoutSupplier({ sku })],
      'EXCHANGE',
      policyWith({ replacementShip: 'PT3S' }),
    );
    await stack.sandbox.control.setFault('wms', { failUntilCleared: true });
    try {
      await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
      const stuck = await viewWhen(handle, (view) =>
        view.flags.some((flag) => flag.kind === 'SLA_BREACHED' && flag.clock === 'REPLACEMENT_SHIP'),
      );
      expect(stuck.status).toBe('REPLACING');
      expect(stuck.resolution?.replacement).toMatchObject({ status: 'PENDING', trackingNumber: null });
      expect((await stack.sandbox.control.faults()).wms.stats.failuresInjected).toBeGreaterThan(0);
      expect(reservationsOf(caseId)).toEqual([]);
    } finally {
      await stack.sandbox.control.clearFault('wms');
    }

    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution).toMatchObject({
      kind: 'REPLACEMENT',
      refunds: [],
      replacement: { status: 'SHIPPED', trackingNumber: expect.any(String) },
    });
    expect(reservationsOf(caseId)).toEqual([expect.objectContaining({ sku, status: 'SHIPPED' })]);
    expect(sandboxState().wms.stock.get(sku)).toBe(0);
    expect((await stack.sandbox.control.ledger(caseId)).payouts).toEqual([]);
    await recordHistory(handle, 'replacement-sla-breached-then-shipped');
  });

  it("batches a defective unit to its supplier, and the supplier's credit note shows on the case", async () => {
    const supplierId = `sup-${randomUUID().slice(0, 8)}`;
    const sku = uniqueSku('sku-rtv');
    const item = makeCaseItem({ sku, supplierId, unitPrice: { amount: 8800, currency: 'CNY' } });
    const { caseId, handle } = await openAndDeliver([item], 'RETURN_REFUND', policyWith());
    const supplier = stack.temporal.workflow.getHandle(supplierReturnsWorkflowId(supplierId));
    try {
      const inspected = await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
      expect(inspected.supplierReturn).toEqual({ batchId: null, status: 'PENDING' });
      expect(inspected.supplierReturns).toEqual([{ supplierId, batchId: null, status: 'PENDING' }]);

      // The refund is paid and the case is completed while its unit waits for the batch.
      const completed = await viewWhen(handle, (view) => view.status === 'COMPLETED');
      expect(completed.resolution?.refunds).toEqual([
        expect.objectContaining({ amount: item.unitPrice, status: 'SUCCEEDED' }),
      ]);

      // The unit is in the supplier's open batch, which ships after maxWait (5 s in the test policy).
      await eventually(async () => {
        const batches = await supplier.query<SupplierBatch[]>(supplierBatchesQuery);
        expect(batches[0]?.units).toEqual([expect.objectContaining({ caseId, sku, quantity: 1 })]);
      }, 30_000);
      // The case workflow waits for its supplier return, or the batch's progress could not reach it.
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const shipped = await viewWhen(handle, (view) => view.supplierReturn?.status === 'SHIPPED', 30_000);
      // Batch ids carry the supplier, a number and the run's tag, so they never repeat across runs.
      const batchId = shipped.supplierReturn?.batchId ?? '';
      expect(batchId).toMatch(new RegExp(`^RTV-${supplierId}-1-r[0-9a-f]{8}$`));
      expect(shipped.supplierReturn).toEqual({ batchId, status: 'SHIPPED' });
      expect(sandboxState().supplier.batches.get(batchId)).toMatchObject({
        supplierId,
        status: 'ACKNOWLEDGED',
        units: [expect.objectContaining({ caseId, sku, quantity: 1, unitCost: item.unitPrice })],
      });

      // The supplier issues its credit note; it is recorded on the supplier's workflow.
      const note = await stack.sandbox.control.issueCreditNote(batchId);
      expect(note.amount).toEqual(item.unitPrice);
      const credited = await supplier.executeUpdate(recordSupplierCreditUpdate, {
        args: [{ batchId, creditNoteId: note.creditNoteId, amount: note.amount }],
      });
      expect(credited).toMatchObject({ status: 'CREDITED', creditNote: { creditNoteId: note.creditNoteId } });

      const done = (await handle.result()) as CaseView;
      expect(done.status).toBe('COMPLETED');
      expect(done.supplierReturn).toEqual({ batchId, status: 'CREDITED' });
      expect(done.supplierReturns).toEqual([{ supplierId, batchId, status: 'CREDITED' }]);
      const ledger = await stack.sandbox.control.ledger(caseId);
      expect(ledger.payouts.map((payout) => payout.amount)).toEqual([item.unitPrice]);
      await recordHistory(handle, 'supplier-return-credited');
    } finally {
      await supplier.terminate('test over').catch(() => undefined);
    }
  });
});
