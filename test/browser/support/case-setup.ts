import { randomUUID } from 'node:crypto';
import {
  ApiHarness,
  caseIdOf,
  caseRequest,
  expectStatus,
  Identities,
  waitForStatus,
} from '../../e2e/e2e-support';
import { TestOrder } from '../../e2e/orders.fixture';

/**
 * Opens a case through the API as the customer (the merchant approves it when it waits for an answer),
 * the customer ships it back by self-ship and the carrier scans it on the way: RETURN_IN_TRANSIT, ready
 * for the warehouse's dock scan. Returns the case id and the parcel's tracking number.
 */
export async function caseInTransit(
  api: ApiHarness,
  who: Identities,
  overrides: Record<string, unknown>,
  order: TestOrder,
): Promise<{ caseId: string; trackingNumber: string }> {
  const body = await caseRequest(api, who, overrides, order);
  // Every unit of every line is returned.
  body.lines = (body.lines as Array<{ lineId: string }>).map((line, index) => ({
    ...line,
    quantity: order.lines?.[index]?.quantity ?? 1,
  }));
  const caseId = caseIdOf(body.requestId);
  const created = expectStatus(await api.call('POST', '/v1/cases', who.customer, body), 201);
  if (created.status === 'PENDING_MERCHANT_REVIEW') {
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
        decisionId: `d-${randomUUID()}`,
        decision: 'APPROVE',
      }),
    );
  }
  await waitForStatus(api, who, caseId, 'AWAITING_RETURN');
  const trackingNumber = `SF${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  expectStatus(
    await api.call('POST', `/v1/cases/${caseId}/return-shipment`, who.customer, {
      carrier: 'SF',
      trackingNumber,
    }),
  );
  for (const event of ['PICKED_UP', 'IN_TRANSIT']) {
    expectStatus(
      await api.call('POST', '/v1/carrier/events', who.carrier, {
        eventId: `${trackingNumber}-${event}`,
        trackingNumber,
        event,
        occurredAt: new Date().toISOString(),
      }),
    );
  }
  await waitForStatus(api, who, caseId, 'RETURN_IN_TRANSIT');
  return { caseId, trackingNumber };
}
