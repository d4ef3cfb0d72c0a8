import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { caseIdOfRequest } from '../../apps/api/src/cases/case-id';
import { eventually } from '../support/eventually';
import { placeOrder, TestOrder } from './orders.fixture';
import { startTestStack, TestStack, TestStackOptions } from '../support/test-stack';

/** An HTTP answer: status and parsed JSON body. */
export interface HttpAnswer {
  status: number;
  // Response bodies are checked field by field in the tests.
  body: Record<string, unknown> & {
    error?: { code: string; message: string; details?: unknown[]; currentStatus?: string };
  };
}

/** A running stack with the API, and an HTTP client that signs as whoever the test says. */
export interface ApiHarness {
  stack: TestStack;
  url: string;
  token(claims: TokenClaims): string;
  /** Sends `method path` with `body` (JSON) as `caller` (a token, claims, or none). */
  call(
    method: string,
    path: string,
    caller?: TokenClaims | string | null,
    body?: unknown,
  ): Promise<HttpAnswer>;
}

/** Starts the stack with the API; `policy` (a policy file's JSON) is written to a temp POLICY_FILE first. */
export async function startApi(options: TestStackOptions & { policy?: unknown } = {}): Promise<ApiHarness> {
  const previous = process.env.POLICY_FILE;
  if (options.policy !== undefined) {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-e2e-policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify(options.policy));
    process.env.POLICY_FILE = file;
  }
  let stack: TestStack;
  try {
    stack = await startTestStack({ ...options, api: true });
  } finally {
    if (previous === undefined) delete process.env.POLICY_FILE;
    else process.env.POLICY_FILE = previous;
  }
  const api = stack.api!;
  const token = (claims: TokenClaims) => api.token(claims);
  return {
    stack,
    url: api.url,
    token,
    call: async (method, path, caller, body) => {
      const headers: Record<string, string> = {};
      if (caller) headers.authorization = `Bearer ${typeof caller === 'string' ? caller : token(caller)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: HttpAnswer['body'] = {};
      try {
        parsed = text ? (JSON.parse(text) as HttpAnswer['body']) : {};
      } catch {
        parsed = { raw: text };
      }
      return { status: response.status, body: parsed };
    },
  };
}

/** Identities of the tests; each test file makes its own merchant and customer ids to stay apart. */
export function identities(suffix = randomUUID().slice(0, 8)) {
  const merchantId = `m-${suffix}`;
  const otherMerchantId = `m-other-${suffix}`;
  const customerId = `c-${suffix}`;
  const otherCustomerId = `c-other-${suffix}`;
  const supplierId = `s-${suffix}`;
  return {
    supplierId,
    merchantId,
    otherMerchantId,
    customerId,
    otherCustomerId,
    customer: { sub: customerId, role: 'customer', customerId } as TokenClaims,
    otherCustomer: { sub: otherCustomerId, role: 'customer', customerId: otherCustomerId } as TokenClaims,
    merchant: { sub: `${merchantId}-agent`, role: 'merchant', merchantId } as TokenClaims,
    otherMerchant: {
      sub: `${otherMerchantId}-agent`,
      role: 'merchant',
      merchantId: otherMerchantId,
    } as TokenClaims,
    warehouse: { sub: 'wh-1', role: 'warehouse' } as TokenClaims,
    carrier: { sub: 'carrier-1', role: 'carrier' } as TokenClaims,
    refundSystem: { sub: 'refund-system', role: 'refund_system' } as TokenClaims,
    supplier: { sub: `supplier-${supplierId}`, role: 'supplier', supplierId } as TokenClaims,
    otherSupplier: {
      sub: `supplier-other-${suffix}`,
      role: 'supplier',
      supplierId: `s-other-${suffix}`,
    } as TokenClaims,
    ops: { sub: 'ops-1', role: 'ops' } as TokenClaims,
  };
}

/** Test identities. */
export type Identities = ReturnType<typeof identities>;

/**
 * A valid `POST /v1/cases` body (contract v1.1) on an order placed for it first: a quality return of
 * one item delivered yesterday, above the auto-approval limit, so the case waits for the merchant
 * (PENDING_MERCHANT_REVIEW). `overrides` change the body, `order` the order the sandbox holds.
 */
export async function caseRequest(
  api: ApiHarness,
  who: Pick<Identities, 'merchantId' | 'customerId'> & Partial<Pick<Identities, 'supplierId'>>,
  overrides: Record<string, unknown> = {},
  order: TestOrder = {},
): Promise<Record<string, unknown> & { requestId: string; orderId: string }> {
  const placed = await placeOrder(api.stack.sandbox.control, who, order);
  return {
    requestId: randomUUID(),
    orderId: placed.orderId,
    type: 'RETURN_REFUND',
    reason: 'QUALITY_ISSUE',
    lines: placed.lineIds.map((lineId) => ({ lineId, quantity: 1 })),
    returnMethod: 'SELF_SHIP',
    evidence: [{ kind: 'PHOTO', url: 'https://example.test/photo.jpg' }],
    description: 'the screen flickers',
    ...overrides,
  };
}

/** The case id the API derives from a request id. */
export const caseIdOf = caseIdOfRequest;

/** The answer's body, failing the test with the body when the status is not `status`. */
export function expectStatus(answer: HttpAnswer, status = 200): HttpAnswer['body'] {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  return answer.body;
}

/** Waits until the case view (read as ops) shows `status`. */
export async function waitForStatus(
  api: ApiHarness,
  who: Identities,
  caseId: string,
  status: string,
  timeoutMs = 30_000,
): Promise<void> {
  await eventually(
    async () => expect((await api.call('GET', `/v1/cases/${caseId}`, who.ops)).body.status).toBe(status),
    timeoutMs,
    300,
  );
}

/** Merchant approves, the customer ships it back by self-ship, the carrier delivers it to the warehouse. */
export async function returnToWarehouse(
  api: ApiHarness,
  who: Identities,
  caseId: string,
  trackingNumber = `SF${randomUUID().slice(0, 10)}`,
): Promise<void> {
  expectStatus(
    await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
      decisionId: `d-${randomUUID()}`,
      decision: 'APPROVE',
      note: 'sorry about that',
    }),
  );
  await waitForStatus(api, who, caseId, 'AWAITING_RETURN');
  const shipped = expectStatus(
    await api.call('POST', `/v1/cases/${caseId}/return-shipment`, who.customer, {
      carrier: 'SF',
      trackingNumber,
    }),
  );
  expect(shipped.returnShipment).toMatchObject({ trackingNumber });
  for (const event of ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED']) {
    expectStatus(
      await api.call('POST', '/v1/carrier/events', who.carrier, {
        eventId: `${trackingNumber}-${event}`,
        trackingNumber,
        event,
        occurredAt: new Date().toISOString(),
      }),
    );
  }
  await waitForStatus(api, who, caseId, 'AWAITING_INSPECTION');
}
