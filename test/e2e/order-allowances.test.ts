import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/app.factory';
import { DEFAULT_POLICY_FILE } from '../../libs/domain/src';
import {
  ApiHarness,
  caseIdOf,
  caseRequest,
  expectStatus,
  HttpAnswer,
  identities,
  Identities,
  startApi,
  waitForStatus,
} from './e2e-support';
import { eventually } from '../support/eventually';
import { placeOrder } from './orders.fixture';

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(180_000);

const suffix = randomUUID().slice(0, 8);
/** A merchant on the platform-plus profile (price protection 30 days) with an answer clock of 2 s on escalations. */
const PLUS_MERCHANT = `m-plus-${suffix}`;
/** A merchant whose profile counts abuse signals: more than two cases in 90 days switch automation off. */
const STRICT_MERCHANT = `m-strict-${suffix}`;

const POLICY = {
  ...DEFAULT_POLICY_FILE,
  merchants: { ...DEFAULT_POLICY_FILE.merchants, [PLUS_MERCHANT]: 'quick-plus', [STRICT_MERCHANT]: 'strict' },
  profiles: {
    ...DEFAULT_POLICY_FILE.profiles,
    'quick-plus': { extends: 'platform-plus', clocks: { merchantEscalationAnswer: 'PT2S' } },
    strict: { extends: 'national', abuse: { window: 'P90D', maxCases: 2 } },
  },
};

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('orders are the source of truth: allowances per order line (contract v1.1)', () => {
  let api: ApiHarness;
  let second: INestApplication;
  let secondUrl: string;
  let who: Identities;

  beforeAll(async () => {
    api = await startApi({ policy: POLICY });
    // A second API process on the same Temporal, PostgreSQL and order system.
    second = await createApiApp(api.stack.config, ['error'], {
      ...process.env,
      SANDBOX_URL: api.stack.sandbox.url,
    });
    await second.listen(0, '127.0.0.1');
    secondUrl = await second.getUrl();
    who = identities();
  });

  afterAll(async () => {
    await second?.close();
    await api?.stack.stop();
  });

  const postToSecond = async (body: unknown): Promise<HttpAnswer> => {
    const response = await fetch(`${secondUrl}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token(who.customer)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as HttpAnswer['body'] };
  };

  const allowancesOf = async (orderId: string) =>
    expectStatus(await api.call('GET', `/v1/orders/${orderId}/allowances`, who.customer)).lines as Array<
      Record<string, unknown>
    >;

  const count = async (sql: string, caseId: string) =>
    Number((await api.stack.runtime.dataSource.query<Array<{ n: string }>>(sql, [caseId]))[0].n);

  it('lets exactly three of twenty concurrent requests over two API processes hold a line of three', async () => {
    const order = await placeOrder(api.stack.sandbox.control, who, { lines: [{ quantity: 3 }] });
    const bodies = Array.from({ length: 20 }, () => ({
      requestId: randomUUID(),
      orderId: order.orderId,
      type: 'RETURN_REFUND',
      reason: 'QUALITY_ISSUE',
      lines: [{ lineId: order.lineIds[0], quantity: 1 }],
      returnMethod: 'SELF_SHIP',
    }));
    const answers = await Promise.all(
      bodies.map((body, index) =>
        index % 2 === 0 ? api.call('POST', '/v1/cases', who.customer, body) : postToSecond(body),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect([...statuses].sort()).toEqual([...Array<number>(3).fill(201), ...Array<number>(17).fill(409)]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body.error?.code).toBe('LINE_ALLOWANCE_EXCEEDED');
    }
    expect(await allowancesOf(order.orderId)).toEqual([
      expect.objectContaining({ lineId: order.lineIds[0], ordered: 3, heldByOpenCases: 3, returnable: 0 }),
    ]);
    // A repeat of a request that got the line answers 200 with its case, though the line is used up.
    const winner = bodies[statuses.indexOf(201)]!;
    const repeat = await postToSecond(winner);
    expect(repeat).toMatchObject({ status: 200, body: { caseId: caseIdOf(winner.requestId) } });
    expect((repeat.body.items as Array<{ lineId: string }>)[0]!.lineId).toBe(order.lineIds[0]);
  });

  it('counts refund-only claims against the line: a second claim on a paid line is refused', async () => {
    const fresh = { lines: [{ sku: 'sku-fresh', category: 'FRESH' as const, unitPaid: cny(9900) }] };
    const claim = { type: 'REFUND_ONLY', reason: 'SPOILED', returnMethod: 'NONE' };
    const first = await caseRequest(api, who, claim, fresh);
    const opened = expectStatus(await api.call('POST', '/v1/cases', who.customer, first), 201);
    await waitForStatus(api, who, opened.caseId as string, 'COMPLETED');
    const again = await api.call('POST', '/v1/cases', who.customer, { ...first, requestId: randomUUID() });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'LINE_ALLOWANCE_EXCEEDED' } } });
    // The case ends on its lines right after its last event.
    await eventually(async () =>
      expect(await allowancesOf(first.orderId)).toEqual([
        expect.objectContaining({ returned: 1, returnable: 0, refunded: cny(9900), refundable: cny(0) }),
      ]),
    );
  });

  it('counts price protection against the line, once per catalogue price', async () => {
    const plus = { ...who, merchantId: PLUS_MERCHANT };
    const sku = `sku-pp-${suffix}`;
    await api.stack.sandbox.control.setCataloguePrice(sku, cny(29999));
    const claim = { type: 'PRICE_PROTECTION', reason: 'PRICE_DROP', returnMethod: 'NONE' };
    const body = await caseRequest(api, plus, claim, { lines: [{ sku }] });
    const opened = expectStatus(await api.call('POST', '/v1/cases', who.customer, body), 201);
    expect((opened.items as Array<Record<string, unknown>>)[0]).toMatchObject({
      lineId: (body.lines as Array<{ lineId: string }>)[0]!.lineId,
      unitPrice: cny(32999),
      currentUnitPrice: cny(29999),
    });
    const merchant = { sub: 'agent', role: 'merchant' as const, merchantId: PLUS_MERCHANT };
    expectStatus(
      await api.call('POST', `/v1/cases/${opened.caseId as string}/decision`, merchant, {
        decisionId: randomUUID(),
        decision: 'APPROVE',
      }),
    );
    await waitForStatus(api, who, opened.caseId as string, 'COMPLETED');
    // The case ends on its lines right after its last event.
    await eventually(async () =>
      expect(await allowancesOf(body.orderId)).toEqual([
        expect.objectContaining({ refunded: cny(3000), refundable: cny(29999), heldByOpenCases: 0 }),
      ]),
    );
    const again = await api.call('POST', '/v1/cases', who.customer, { ...body, requestId: randomUUID() });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'LINE_ALLOWANCE_EXCEEDED' } } });
  });

  it('counts an arbitration refund against the line', async () => {
    const plus = { ...who, merchantId: PLUS_MERCHANT };
    const merchant = { sub: 'agent', role: 'merchant' as const, merchantId: PLUS_MERCHANT };
    const body = await caseRequest(api, plus);
    const caseId = expectStatus(await api.call('POST', '/v1/cases', who.customer, body), 201)
      .caseId as string;
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/decision`, merchant, {
        decisionId: randomUUID(),
        decision: 'REJECT',
        note: 'used',
      }),
    );
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/escalate`, who.customer, {
        escalationId: randomUUID(),
        note: 'it was broken on arrival',
      }),
    );
    await waitForStatus(api, who, caseId, 'IN_ARBITRATION');
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/arbitration`, who.ops, {
        rulingId: randomUUID(),
        ruling: 'CUSTOMER_FAVOR',
        refundAmount: cny(10000),
        note: 'photos show the defect',
      }),
    );
    await waitForStatus(api, who, caseId, 'COMPLETED');
    // The case ends on its lines right after its last event.
    await eventually(async () =>
      expect(await allowancesOf(body.orderId)).toEqual([
        expect.objectContaining({ refunded: cny(10000), refundable: cny(22999), returned: 1, returnable: 0 }),
      ]),
    );
  });

  it("gives a cancelled case's units back to the line", async () => {
    const first = await caseRequest(api, who);
    const caseId = expectStatus(await api.call('POST', '/v1/cases', who.customer, first), 201)
      .caseId as string;
    const blocked = await api.call('POST', '/v1/cases', who.customer, { ...first, requestId: randomUUID() });
    expect(blocked.status).toBe(409);
    expectStatus(await api.call('POST', `/v1/cases/${caseId}/cancel`, who.customer, { note: 'found it' }));
    await waitForStatus(api, who, caseId, 'CANCELLED');
    const next = await api.call('POST', '/v1/cases', who.customer, { ...first, requestId: randomUUID() });
    expect(next.status).toBe(201);
  });

  it("refuses a stated unit price (400) and someone else's order (403), opening nothing", async () => {
    const body = await caseRequest(api, who);
    const stated = await api.call('POST', '/v1/cases', who.customer, { ...body, unitPrice: cny(999999) });
    expect(stated).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(stated.body.error?.details).toEqual([expect.objectContaining({ field: 'unitPrice' })]);
    const foreign = await api.call('POST', '/v1/cases', who.otherCustomer, body);
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(
      await count(`SELECT count(*) AS n FROM case_events WHERE stream_id = $1`, caseIdOf(body.requestId)),
    ).toBe(0);
  });

  it('answers 503 while the order system is down, leaving no case, no event and no reservation', async () => {
    const body = await caseRequest(api, who);
    await api.stack.sandbox.control.setFault('orders', { failUntilCleared: true });
    try {
      const answer = await api.call('POST', '/v1/cases', who.customer, body);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'ORDER_SYSTEM_UNAVAILABLE' } } });
    } finally {
      await api.stack.sandbox.control.clearFault('orders');
    }
    const caseId = caseIdOf(body.requestId);
    expect((await api.call('GET', `/v1/cases/${caseId}`, who.ops)).status).toBe(404);
    expect(await count(`SELECT count(*) AS n FROM case_events WHERE stream_id = $1`, caseId)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM order_line_unit_holds WHERE case_id = $1`, caseId)).toBe(0);
    // Once it is back, the same request opens the case.
    expect((await api.call('POST', '/v1/cases', who.customer, body)).status).toBe(201);
  });

  it('switches automation off for a customer over the abuse threshold, also when the requests race', async () => {
    const strict = identities();
    const owners = { customerId: strict.customerId, merchantId: STRICT_MERCHANT };
    // No-reason returns under the auto-approval limit: auto-approved unless the signals say otherwise.
    const bodies = await Promise.all(
      [1, 2, 3, 4].map(() =>
        caseRequest(api, owners, { reason: 'NO_REASON' }, { lines: [{ unitPaid: cny(5000) }] }),
      ),
    );
    const answers = await Promise.all(
      bodies.map((body) => api.call('POST', '/v1/cases', strict.customer, body)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    const flagged = answers.filter((answer) => (answer.body.riskFlags as string[]).includes('ABUSE_SIGNALS'));
    expect(flagged).toHaveLength(2);
    for (const answer of flagged) {
      expect(answer.body).toMatchObject({
        status: 'PENDING_MERCHANT_REVIEW',
        eligibility: { autoApproved: false, fastRefundEligible: false },
      });
    }
    const unflagged = answers.filter((answer) => !flagged.includes(answer));
    for (const answer of unflagged)
      expect(answer.body).toMatchObject({ riskFlags: [], eligibility: { autoApproved: true } });
  });
});
