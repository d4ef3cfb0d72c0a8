import { randomUUID } from 'node:crypto';
import { makeTestPolicy } from '../../libs/domain/src';
import { eventually } from '../support/eventually';
import {
  ApiHarness,
  caseRequest,
  expectStatus,
  identities,
  Identities,
  startApi,
  waitForStatus,
} from './e2e-support';

/** Long clocks except the warehouse's inspection, so an expired inspect-by clock refunds within the test. */
const INSPECT_SECONDS = 15;
const SHIPMENT_POLICY = makeTestPolicy({
  allProfiles: {
    supplierReturnBatch: { maxUnits: 20, maxWait: 'PT1H' },
    clocks: {
      merchantResponse: 'PT1H',
      customerShip: 'PT1H',
      warehouseInspect: `PT${INSPECT_SECONDS}S`,
      escalationWindow: 'PT1H',
      merchantEscalationAnswer: 'PT1H',
      refundAfterInspection: 'PT1H',
      replacementShip: 'PT1H',
    },
  },
});

// Real Temporal, PostgreSQL and clocks of seconds.
jest.setTimeout(180_000);

describe('verified shipments and warehouse receipts, through the API', () => {
  let api: ApiHarness;
  let who: Identities;

  beforeAll(async () => {
    api = await startApi({ policy: SHIPMENT_POLICY });
    who = identities();
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const trackingNumber = () => `SF${randomUUID().slice(0, 12)}`;

  /** A self-ship case the merchant approved: AWAITING_RETURN. */
  const awaitingReturn = async (): Promise<string> => {
    const created = expectStatus(
      await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who)),
      201,
    );
    const caseId = created.caseId as string;
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
        decisionId: `d-${randomUUID()}`,
        decision: 'APPROVE',
      }),
    );
    await waitForStatus(api, who, caseId, 'AWAITING_RETURN');
    return caseId;
  };

  /** A self-ship case whose parcel is on its way with `number`. */
  const shipped = async (number: string): Promise<string> => {
    const caseId = await awaitingReturn();
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/return-shipment`, who.customer, {
        carrier: 'SF',
        trackingNumber: number,
      }),
    );
    return caseId;
  };

  const scan = (number: string, event: string, occurredAt: Date) =>
    api.call('POST', '/v1/carrier/events', who.carrier, {
      eventId: `${number}-${event}-${randomUUID().slice(0, 6)}`,
      trackingNumber: number,
      event,
      occurredAt: occurredAt.toISOString(),
    });

  const eventTypes = async (caseId: string) =>
    (
      (expectStatus(await api.call('GET', `/v1/cases/${caseId}/events`, who.ops)).items as Array<{
        type: string;
      }>) ?? []
    ).map((event) => event.type);

  it('binds a tracking number to one open case: two concurrent registrations get one 200 and one 409', async () => {
    const [first, second] = await Promise.all([awaitingReturn(), awaitingReturn()]);
    const number = trackingNumber();
    const answers = await Promise.all(
      [first, second].map((caseId) =>
        api.call('POST', `/v1/cases/${caseId}/return-shipment`, who.customer, {
          carrier: 'SF',
          trackingNumber: number,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409);
    expect(refused?.body.error).toMatchObject({
      code: 'TRACKING_NUMBER_IN_USE',
      currentStatus: 'AWAITING_RETURN',
    });
    const loser = answers[0].status === 409 ? first : second;
    expect(expectStatus(await api.call('GET', `/v1/cases/${loser}`, who.ops)).status).toBe('AWAITING_RETURN');
    // The loser may still register a number of its own.
    expectStatus(
      await api.call('POST', `/v1/cases/${loser}/return-shipment`, who.customer, {
        carrier: 'SF',
        trackingNumber: trackingNumber(),
      }),
    );
  });

  it('counts the inspect-by clock from when the API received a back-dated DELIVERED, flagged out of order', async () => {
    const number = trackingNumber();
    const caseId = await shipped(number);
    const sentAt = Date.now();
    const delivered = expectStatus(await scan(number, 'DELIVERED', new Date(sentAt - 30 * 86_400_000)));
    expect(delivered.status).toBe('AWAITING_INSPECTION');
    expect(delivered.riskFlags).toContain('OUT_OF_ORDER_SCAN');
    const inspectBy = Date.parse((delivered.deadlines as { inspectBy: string }).inspectBy);
    expect(inspectBy).toBeGreaterThanOrEqual(sentAt + INSPECT_SECONDS * 1000 - 1000);

    // Not refunded before the clock runs out, refunded in full once it has.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, inspectBy - Date.now() - 3000)));
    expect(await eventTypes(caseId)).not.toContain('REFUND_REQUESTED');
    await eventually(async () => expect(await eventTypes(caseId)).toContain('REFUND_REQUESTED'), 60_000, 500);
  });

  it('refuses a scan dated beyond the allowed clock skew (400 SCAN_IN_FUTURE) and records nothing', async () => {
    const number = trackingNumber();
    const caseId = await shipped(number);
    const before = (await eventTypes(caseId)).length;
    const answer = await scan(number, 'PICKED_UP', new Date(Date.now() + 3_600_000));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('SCAN_IN_FUTURE');
    expect((await eventTypes(caseId)).length).toBe(before);
  });

  it('moves a case whose DELIVERED webhook was lost to inspection through a warehouse receipt', async () => {
    const number = trackingNumber();
    const caseId = await shipped(number);
    expectStatus(await scan(number, 'PICKED_UP', new Date()));
    const receipt = { receiptId: `r-${randomUUID()}`, warehouseId: 'wh-1', trackingNumber: number };
    const received = expectStatus(await api.call('POST', '/v1/warehouse/receipts', who.warehouse, receipt));
    expect(received).toMatchObject({ caseId, status: 'AWAITING_INSPECTION' });
    expect((received.deadlines as { inspectBy: string | null }).inspectBy).not.toBeNull();
    const version = received.version;
    expect(
      expectStatus(await api.call('POST', '/v1/warehouse/receipts', who.warehouse, receipt)),
    ).toMatchObject({
      status: 'AWAITING_INSPECTION',
      version,
    });
    expect((await eventTypes(caseId)).filter((type) => type === 'WAREHOUSE_RECEIPT_RECORDED')).toHaveLength(
      1,
    );
  });

  it('keeps a parcel no open case holds as unmatched and lists it for ops', async () => {
    const receipt = { receiptId: `r-${randomUUID()}`, warehouseId: 'wh-2', trackingNumber: trackingNumber() };
    const answer = await api.call('POST', '/v1/warehouse/receipts', who.warehouse, receipt);
    expect(answer).toEqual({ status: 202, body: { receiptId: receipt.receiptId, matched: false } });
    expect((await api.call('POST', '/v1/warehouse/receipts', who.warehouse, receipt)).status).toBe(202);
    const listed = expectStatus(await api.call('GET', '/v1/ops/receipts/unmatched?limit=1000', who.ops));
    expect(listed.items).toContainEqual(expect.objectContaining(receipt));
    expect((await api.call('GET', '/v1/ops/receipts/unmatched', who.warehouse)).status).toBe(403);
  });
});
