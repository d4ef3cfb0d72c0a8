import { randomUUID } from 'node:crypto';
import { makeTestPolicy } from '../../libs/domain/src';
import { eventually } from '../support/eventually';
import {
  ApiHarness,
  caseRequest,
  expectStatus,
  HttpAnswer,
  identities,
  Identities,
  returnToWarehouse as returnCaseToWarehouse,
  startApi,
  waitForStatus as waitForCaseStatus,
} from './e2e-support';

/** Long clocks except the merchant's answer to an escalation, so the escalation flow reaches ops in seconds. */
const FLOW_POLICY = makeTestPolicy({
  allProfiles: {
    // Supplier batches wait: a batch shipping mid-test would change a view between two reads.
    supplierReturnBatch: { maxUnits: 20, maxWait: 'PT1H' },
    clocks: {
      merchantResponse: 'PT1H',
      customerShip: 'PT1H',
      warehouseInspect: 'PT1H',
      escalationWindow: 'PT1H',
      merchantEscalationAnswer: 'PT2S',
      refundAfterInspection: 'PT1H',
      replacementShip: 'PT1H',
    },
  },
});

interface EventItem {
  seq: number;
  type: string;
}

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(120_000);

describe('cases driven end to end through the API only', () => {
  let api: ApiHarness;
  let who: Identities;

  beforeAll(async () => {
    api = await startApi({ policy: FLOW_POLICY });
    who = identities();
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const ok = expectStatus;

  const waitForStatus = (caseId: string, status: string, timeoutMs?: number) =>
    waitForCaseStatus(api, who, caseId, status, timeoutMs);

  const eventsOf = async (caseId: string) =>
    (ok(await api.call('GET', `/v1/cases/${caseId}/events`, who.customer)).items as EventItem[]) ?? [];

  const returnToWarehouse = (caseId: string, trackingNumber: string) =>
    returnCaseToWarehouse(api, who, caseId, trackingNumber);

  it('takes a return-refund from request to COMPLETED, with its event log and view', async () => {
    const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect(created.body.status).toBe('PENDING_MERCHANT_REVIEW');

    const trackingNumber = `SF${Date.now()}`;
    await returnToWarehouse(caseId, trackingNumber);

    // A repeated scan (same eventId) changes nothing.
    const before = (await eventsOf(caseId)).length;
    ok(
      await api.call('POST', '/v1/carrier/events', who.carrier, {
        eventId: `${trackingNumber}-DELIVERED`,
        trackingNumber,
        event: 'DELIVERED',
        occurredAt: new Date().toISOString(),
      }),
    );
    expect((await eventsOf(caseId)).length).toBe(before);

    const inspection = {
      inspectionId: `i-${randomUUID()}`,
      warehouseId: 'wh-1',
      inspector: 'Li',
      items: [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE', notes: 'screen defect confirmed' }],
    };
    ok(await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, inspection));
    await waitForStatus(caseId, 'COMPLETED', 60_000);

    const view = ok(await api.call('GET', `/v1/cases/${caseId}`, who.customer));
    expect(view.resolution).toMatchObject({
      refunds: [expect.objectContaining({ amount: { amount: 32999, currency: 'CNY' }, status: 'SUCCEEDED' })],
    });
    const events = await eventsOf(caseId);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(view.version).toBe(events.length);
    const types = events.map((event) => event.type);
    for (const type of [
      'CASE_REQUESTED',
      'CASE_APPROVED',
      'RETURN_SHIPMENT_REGISTERED',
      'CARRIER_SCAN_RECORDED',
      'INSPECTION_RECORDED',
      'REFUND_SUCCEEDED',
      'CASE_COMPLETED',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.filter((type) => type === 'REFUND_SUCCEEDED')).toHaveLength(1);

    // The same inspection again is answered with the first result; a new one is refused with the status.
    expect((await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, inspection)).status).toBe(
      200,
    );
    const late = await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
      decisionId: `d-${randomUUID()}`,
      decision: 'REJECT',
    });
    expect(late.status).toBe(409);
    expect(late.body.error?.currentStatus).toBe('COMPLETED');
  });

  it('takes an exchange through inspection to a shipped replacement, paying no refund', async () => {
    const created = await api.call(
      'POST',
      '/v1/cases',
      who.customer,
      await caseRequest(api, who, { type: 'EXCHANGE', reason: 'QUALITY_ISSUE' }),
    );
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    await returnToWarehouse(caseId, `YT${Date.now()}`);
    ok(
      await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, {
        inspectionId: `i-${randomUUID()}`,
        warehouseId: 'wh-1',
        inspector: 'Li',
        items: [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }],
      }),
    );
    await waitForStatus(caseId, 'COMPLETED', 60_000);
    const types = (await eventsOf(caseId)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['REPLACEMENT_RESERVED', 'REPLACEMENT_SHIPPED']));
    expect(types).not.toContain('REFUND_REQUESTED');
    expect((await api.stack.sandbox.control.ledger(caseId)).payouts).toEqual([]);
  });

  it('escalates a rejection to arbitration when the merchant does not answer, and ops rule', async () => {
    const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const rejected = ok(
      await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
        decisionId: `d-${randomUUID()}`,
        decision: 'REJECT',
        note: 'wear and tear',
      }),
    );
    expect(rejected.status).toBe('REJECTED');

    const escalation = { escalationId: `e-${randomUUID()}`, note: 'it broke in a week' };
    expect(ok(await api.call('POST', `/v1/cases/${caseId}/escalate`, who.customer, escalation)).status).toBe(
      'ESCALATED',
    );
    // A repeated escalation is answered, not refused.
    expect((await api.call('POST', `/v1/cases/${caseId}/escalate`, who.customer, escalation)).status).toBe(
      200,
    );

    await waitForStatus(caseId, 'IN_ARBITRATION');
    const ruled = ok(
      await api.call('POST', `/v1/cases/${caseId}/arbitration`, who.ops, {
        rulingId: `r-${randomUUID()}`,
        ruling: 'CUSTOMER_FAVOR',
        refundAmount: { amount: 32999, currency: 'CNY' },
        note: 'the photos show a defect',
      }),
    );
    expect(ruled.status).not.toBe('IN_ARBITRATION');
    // In the customer's favour with an amount: a refund without return, paid once.
    await waitForStatus(caseId, 'COMPLETED');
    const { payouts } = await api.stack.sandbox.control.ledger(caseId);
    expect(payouts.map((payout) => payout.amount)).toEqual([{ amount: 32999, currency: 'CNY' }]);
    const types = (await eventsOf(caseId)).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['CASE_REJECTED', 'CASE_ESCALATED', 'ARBITRATION_OPENED', 'ARBITRATION_RULED']),
    );
  });

  it('cancels a pending case for its customer, and answers 409 with the status afterwards', async () => {
    const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
    const caseId = created.body.caseId as string;
    expect(ok(await api.call('POST', `/v1/cases/${caseId}/cancel`, who.customer, {})).status).toBe(
      'CANCELLED',
    );
    const again = await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
      decisionId: `d-${randomUUID()}`,
      decision: 'APPROVE',
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.currentStatus).toBe('CANCELLED');
  });

  it('rebuilds the read models into views equal to the live ones, and counts service quality from the log', async () => {
    const list = `/v1/cases?merchantId=${who.merchantId}&limit=100`;
    const { items: before } = ok(await api.call('GET', list, who.ops));
    expect((before as unknown[]).length).toBe(4);
    let rebuilt: HttpAnswer['body'] = {};
    // Another test file may be rebuilding at the same moment (409 REBUILD_IN_PROGRESS): try again.
    await eventually(async () => {
      rebuilt = ok(await api.call('POST', '/v1/ops/projections/rebuild', who.ops));
    }, 30_000);
    expect(rebuilt.caseViews).toMatchObject({ swapped: true, differencesFromLive: 0 });
    expect(rebuilt.projections).toEqual([expect.objectContaining({ name: 'service-quality' })]);
    const { items: after } = ok(await api.call('GET', list, who.ops));
    expect(after).toEqual(before);

    const quality = ok(
      await api.call('GET', `/v1/ops/metrics/service-quality?merchantId=${who.merchantId}`, who.ops),
    );
    expect(quality).toMatchObject({
      merchantId: who.merchantId,
      casesRequested: 4,
      escalatedCases: 1,
      escalationRate: 0.25,
      approvedByTimeout: 0,
    });
    expect(quality.resolvedCases).toBeGreaterThanOrEqual(3);
    expect(quality.averageResponseTimeMs).toEqual(expect.any(Number));
  });
});
