import jwt from 'jsonwebtoken';
import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { ApiHarness, caseRequest, identities, Identities, startApi } from './e2e-support';

/** One endpoint of API.md with who may call it and what a permitted caller gets. */
interface EndpointCase {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /** Callers refused with 403 (a role that may not call it, or an owner that may not act). */
  forbidden: (who: Identities) => TokenClaims[];
  /** A caller that may, and the statuses that prove the call got past auth. */
  allowed: (who: Identities) => Array<{ caller: TokenClaims; statuses: number[] }>;
}

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(120_000);

describe('the role × endpoint matrix', () => {
  let api: ApiHarness;
  let who: Identities;
  let caseId: string;
  let decisionCaseId: string;
  let cancelCaseId: string;

  beforeAll(async () => {
    api = await startApi();
    who = identities();
    const open = async () => {
      const answer = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      expect(answer.status).toBe(201);
      return answer.body.caseId as string;
    };
    [caseId, decisionCaseId, cancelCaseId] = await Promise.all([open(), open(), open()]);
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const everyoneBut = (who: Identities, ...allowed: string[]): TokenClaims[] =>
    [who.customer, who.merchant, who.warehouse, who.carrier, who.refundSystem, who.supplier, who.ops].filter(
      (caller) => !allowed.includes(caller.role),
    );

  const endpoints: EndpointCase[] = [
    {
      name: 'POST /v1/cases',
      method: 'POST',
      path: () => '/v1/cases',
      body: () => caseRequest(api, who),
      forbidden: (who) => [...everyoneBut(who, 'customer', 'merchant'), who.otherCustomer, who.otherMerchant],
      allowed: (who) => [
        { caller: who.customer, statuses: [201] },
        { caller: who.merchant, statuses: [201] },
      ],
    },
    {
      name: 'GET /v1/cases',
      method: 'GET',
      path: () => '/v1/cases',
      forbidden: (who) => everyoneBut(who, 'customer', 'merchant', 'ops', 'warehouse'),
      allowed: (who) =>
        [who.customer, who.merchant, who.ops, who.warehouse].map((caller) => ({ caller, statuses: [200] })),
    },
    {
      name: 'GET /v1/cases/{id}',
      method: 'GET',
      path: () => `/v1/cases/${caseId}`,
      forbidden: (who) => [
        ...everyoneBut(who, 'customer', 'merchant', 'ops', 'warehouse'),
        who.otherCustomer,
        who.otherMerchant,
      ],
      allowed: (who) =>
        [who.customer, who.merchant, who.ops, who.warehouse].map((caller) => ({ caller, statuses: [200] })),
    },
    {
      name: 'GET /v1/cases/{id}/events',
      method: 'GET',
      path: () => `/v1/cases/${caseId}/events`,
      forbidden: (who) => [
        ...everyoneBut(who, 'customer', 'merchant', 'ops', 'warehouse'),
        who.otherCustomer,
        who.otherMerchant,
      ],
      allowed: (who) =>
        [who.customer, who.merchant, who.ops, who.warehouse].map((caller) => ({ caller, statuses: [200] })),
    },
    {
      name: 'POST /v1/cases/{id}/decision',
      method: 'POST',
      path: () => `/v1/cases/${decisionCaseId}/decision`,
      body: () => ({ decisionId: 'd-matrix', decision: 'APPROVE', note: 'ok' }),
      forbidden: (who) => [...everyoneBut(who, 'merchant'), who.otherMerchant],
      allowed: (who) => [{ caller: who.merchant, statuses: [200] }],
    },
    {
      name: 'POST /v1/cases/{id}/cancel',
      method: 'POST',
      path: () => `/v1/cases/${cancelCaseId}/cancel`,
      body: () => ({ note: 'changed my mind' }),
      forbidden: (who) => [...everyoneBut(who, 'customer'), who.otherCustomer],
      allowed: (who) => [{ caller: who.customer, statuses: [200] }],
    },
    {
      name: 'POST /v1/cases/{id}/return-shipment',
      method: 'POST',
      path: () => `/v1/cases/${caseId}/return-shipment`,
      body: () => ({ carrier: 'SF', trackingNumber: 'SF-MATRIX-1' }),
      forbidden: (who) => [...everyoneBut(who, 'customer'), who.otherCustomer],
      allowed: (who) => [{ caller: who.customer, statuses: [409] }],
    },
    {
      name: 'POST /v1/cases/{id}/escalate',
      method: 'POST',
      path: () => `/v1/cases/${caseId}/escalate`,
      body: () => ({ escalationId: 'e-matrix', note: 'the merchant is wrong' }),
      forbidden: (who) => [...everyoneBut(who, 'customer'), who.otherCustomer],
      allowed: (who) => [{ caller: who.customer, statuses: [409] }],
    },
    {
      name: 'POST /v1/cases/{id}/arbitration',
      method: 'POST',
      path: () => `/v1/cases/${caseId}/arbitration`,
      body: () => ({ rulingId: 'r-matrix', ruling: 'MERCHANT_FAVOR', note: 'no evidence' }),
      forbidden: (who) => everyoneBut(who, 'ops'),
      allowed: (who) => [{ caller: who.ops, statuses: [409] }],
    },
    {
      name: 'POST /v1/cases/{id}/inspection',
      method: 'POST',
      path: () => `/v1/cases/${caseId}/inspection`,
      body: () => ({
        inspectionId: 'i-matrix',
        warehouseId: 'wh-1',
        inspector: 'Li',
        items: [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }],
      }),
      forbidden: (who) => everyoneBut(who, 'warehouse'),
      allowed: (who) => [{ caller: who.warehouse, statuses: [409] }],
    },
    {
      name: 'POST /v1/carrier/events',
      method: 'POST',
      path: () => '/v1/carrier/events',
      body: () => ({
        eventId: 'ev-matrix',
        trackingNumber: 'NO-SUCH-PARCEL',
        event: 'PICKED_UP',
        occurredAt: new Date().toISOString(),
      }),
      forbidden: (who) => everyoneBut(who, 'carrier'),
      // No parcel has this number: 404 proves the carrier got through.
      allowed: (who) => [{ caller: who.carrier, statuses: [404] }],
    },
    {
      name: 'POST /v1/supplier-returns/{batchId}/credit',
      method: 'POST',
      path: () => `/v1/supplier-returns/RTV-${who.supplierId}-1/credit`,
      body: () => ({ creditNoteId: 'cn-matrix', amount: { amount: 100, currency: 'CNY' } }),
      forbidden: (who) => [...everyoneBut(who, 'supplier', 'ops'), who.otherSupplier],
      // No batch was shipped to this supplier: 404 (or 409) proves the caller got through.
      allowed: (who) => [
        { caller: who.supplier, statuses: [404, 409] },
        { caller: who.ops, statuses: [404, 409] },
      ],
    },
    {
      name: 'GET /v1/supplier-returns',
      method: 'GET',
      path: () => `/v1/supplier-returns?supplierId=${who.supplierId}`,
      forbidden: (who) => [...everyoneBut(who, 'supplier', 'ops'), who.otherSupplier],
      allowed: (who) => [
        { caller: who.supplier, statuses: [200] },
        { caller: who.ops, statuses: [200] },
      ],
    },
    {
      name: 'POST /v1/ops/projections/rebuild',
      method: 'POST',
      path: () => '/v1/ops/projections/rebuild',
      forbidden: (who) => everyoneBut(who, 'ops'),
      allowed: (who) => [{ caller: who.ops, statuses: [200, 409] }],
    },
    {
      name: 'GET /v1/ops/metrics/service-quality',
      method: 'GET',
      path: () => `/v1/ops/metrics/service-quality?merchantId=${who.merchantId}`,
      // A merchant reads its own shop's figures (another shop's: test/api/service-quality-series).
      forbidden: (who) => everyoneBut(who, 'ops', 'merchant'),
      allowed: (who) => [
        { caller: who.ops, statuses: [200] },
        { caller: who.merchant, statuses: [200] },
      ],
    },
    {
      name: 'GET /v1/ops/stuck-cases',
      method: 'GET',
      path: () => '/v1/ops/stuck-cases?limit=5&scan=5',
      forbidden: (who) => everyoneBut(who, 'ops'),
      allowed: (who) => [{ caller: who.ops, statuses: [200] }],
    },
    // The case-level ops actions on a case that does not exist: 404 proves ops got through, and nothing
    // is replayed, reset or retried.
    ...[
      { action: 'replay', body: {} },
      { action: 'reset', body: { to: 'LAST_WORKFLOW_TASK', reason: 'matrix' } },
      { action: 'activities/1/retry', body: {} },
      { action: 'activities/1/pause', body: {} },
      { action: 'activities/1/unpause', body: {} },
      { action: 'refunds/rf-1/retry', body: { reason: 'matrix' } },
    ].map(({ action, body }): EndpointCase => ({
      name: `POST /v1/ops/cases/{id}/${action}`,
      method: 'POST',
      path: () => `/v1/ops/cases/no-such-case/${action}`,
      body: () => body,
      forbidden: (who) => everyoneBut(who, 'ops'),
      allowed: (who) => [{ caller: who.ops, statuses: [404] }],
    })),
  ];

  describe.each(endpoints)('$name', (endpoint) => {
    it('answers 401 without a token, with a bad signature, expired, or without a known role', async () => {
      const secret = api.stack.config.authJwtSecret as string;
      const badTokens: Array<string | null> = [
        null,
        'not-a-jwt',
        jwt.sign({ sub: 'x', role: 'ops' }, 'another-secret-of-enough-length', { expiresIn: 60 }),
        jwt.sign({ sub: 'x', role: 'ops', exp: Math.floor(Date.now() / 1000) - 60 }, secret),
        jwt.sign({ sub: 'x', role: 'admin' }, secret, { expiresIn: 60 }),
        jwt.sign({ sub: 'x', role: 'ops' }, secret),
      ];
      for (const token of badTokens) {
        const answer = await api.call(endpoint.method, endpoint.path(), token, await endpoint.body?.());
        expect({ token, status: answer.status }).toEqual({ token, status: 401 });
        expect(answer.body.error?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('answers 403 to a role or an owner that may not act', async () => {
      for (const caller of endpoint.forbidden(who)) {
        const answer = await api.call(endpoint.method, endpoint.path(), caller, await endpoint.body?.());
        expect({ caller: caller.sub, status: answer.status }).toEqual({ caller: caller.sub, status: 403 });
        expect(answer.body.error?.code).toMatch(/^FORBIDDEN(_ROLE|_OWNER)?$/);
      }
    });

    it('lets the caller that may through', async () => {
      for (const { caller, statuses } of endpoint.allowed(who)) {
        const answer = await api.call(endpoint.method, endpoint.path(), caller, await endpoint.body?.());
        expect({ caller: caller.sub, body: answer.body, ok: statuses.includes(answer.status) }).toMatchObject(
          {
            caller: caller.sub,
            ok: true,
          },
        );
      }
    });
  });
});
