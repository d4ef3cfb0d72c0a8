import { randomUUID } from 'node:crypto';
import { addDays, formatLocalDate, localDateOf, makeTestPolicy } from '../../libs/domain/src';
import {
  ApiHarness,
  caseRequest,
  expectStatus,
  identities,
  Identities,
  startApi,
  waitForStatus,
} from '../e2e/e2e-support';

// The merchant's clock runs out in seconds (one case is approved by it); the rest wait an hour.
const POLICY = makeTestPolicy({
  allProfiles: {
    clocks: {
      merchantResponse: 'PT6S',
      customerShip: 'PT1H',
      warehouseInspect: 'PT1H',
      escalationWindow: 'PT1H',
      merchantEscalationAnswer: 'PT1H',
    },
  },
});

interface BucketFigures {
  start: string;
  end: string;
  casesRequested: number;
  responses: number;
  responseTime: {
    p50Ms: number | null;
    maxMs: number | null;
    histogram: Array<{ upToMs: number | null; count: number }>;
  };
  approvedByTimeout: number;
  approvedByTimeoutShare: number;
  autoApprovedAtRequest: number;
  escalatedCases: number;
  escalationRate: number;
}

jest.setTimeout(120_000);

describe('GET /v1/ops/metrics/service-quality over time', () => {
  let api: ApiHarness;
  let who: Identities;
  const localDay = (offset: number) =>
    formatLocalDate(addDays(localDateOf(new Date(), POLICY.timeZone), offset));
  const path = (query: string) => `/v1/ops/metrics/service-quality?${query}`;

  beforeAll(async () => {
    api = await startApi({ policy: POLICY });
    who = identities();
    const open = async (overrides = {}, order = {}) =>
      expectStatus(
        await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who, overrides, order)),
        201,
      ).caseId as string;
    const decide = async (caseId: string, decision: 'APPROVE' | 'REJECT') =>
      expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
          decisionId: `d-${randomUUID()}`,
          decision,
          note: decision === 'REJECT' ? 'worn' : undefined,
        }),
      );
    // Answered by the merchant; rejected, then escalated; approved by the clock; approved at request.
    const answered = await open();
    await decide(answered, 'APPROVE');
    const escalated = await open();
    await decide(escalated, 'REJECT');
    expectStatus(
      await api.call('POST', `/v1/cases/${escalated}/escalate`, who.customer, {
        escalationId: `e-${randomUUID()}`,
        note: 'it was not worn',
      }),
    );
    const timedOut = await open();
    await open({ reason: 'NO_REASON' }, { lines: [{ unitPaid: { amount: 5000, currency: 'CNY' } }] });
    await waitForStatus(api, who, timedOut, 'AWAITING_RETURN');
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  it("gives a merchant its shop's figures per day, with the response-time distribution", async () => {
    const answer = expectStatus(
      await api.call('GET', path(`from=${localDay(-2)}&to=${localDay(0)}&bucket=day`), who.merchant),
    );
    expect(answer).toMatchObject({ merchantId: who.merchantId, casesRequested: 4 });
    const series = answer.series as { timeZone: string; totals: BucketFigures; buckets: BucketFigures[] };
    expect(series.timeZone).toBe(POLICY.timeZone);
    expect(series.totals).toMatchObject({
      casesRequested: 4,
      responses: 3,
      approvedByTimeout: 1,
      approvedByTimeoutShare: 0.25,
      autoApprovedAtRequest: 1,
      escalatedCases: 1,
      escalationRate: 0.25,
    });
    // The clock's answer took its whole 6 s; the merchant's two answers came sooner.
    expect(series.totals.responseTime.maxMs).toBeGreaterThanOrEqual(6000);
    expect(series.totals.responseTime.p50Ms).toBeLessThan(6000);
    expect(series.totals.responseTime.histogram.map((bin) => bin.count)).toEqual([3, 0, 0, 0, 0, 0]);
    expect(series.totals.responseTime.histogram.at(-1)?.upToMs).toBeNull();
    // Three local days, each bucket ending where the next starts; every case in one of them.
    expect(series.buckets).toHaveLength(3);
    series.buckets.slice(1).forEach((bucket, index) => expect(bucket.start).toBe(series.buckets[index].end));
    expect(series.buckets.reduce((sum, bucket) => sum + bucket.casesRequested, 0)).toBe(4);
    expect(series.buckets[0]).toMatchObject({ casesRequested: 0, responses: 0, escalationRate: 0 });
    expect(series.buckets[0].responseTime.p50Ms).toBeNull();
  });

  it('buckets by ISO week, and keeps the answer of old clients when no range is asked for', async () => {
    const weekly = expectStatus(
      await api.call('GET', path(`merchantId=${who.merchantId}&bucket=week`), who.ops),
    );
    const series = weekly.series as { bucket: string; totals: BucketFigures; buckets: BucketFigures[] };
    expect(series.bucket).toBe('week');
    expect(series.totals.casesRequested).toBe(4);
    expect(series.buckets.length).toBeGreaterThanOrEqual(5);
    const plain = expectStatus(await api.call('GET', path(`merchantId=${who.merchantId}`), who.ops));
    expect(plain).toMatchObject({ merchantId: who.merchantId, casesRequested: 4, approvedByTimeout: 1 });
    expect(plain).not.toHaveProperty('series');
  });

  it("refuses a merchant another shop's figures (403) and gives a shop without cases zeros", async () => {
    const prying = await api.call('GET', path(`merchantId=${who.merchantId}&bucket=day`), who.otherMerchant);
    expect(prying.status).toBe(403);
    expect(prying.body.error?.code).toBe('FORBIDDEN_OWNER');
    const own = expectStatus(await api.call('GET', path('bucket=day'), who.otherMerchant));
    expect(own).toMatchObject({ merchantId: who.otherMerchantId, casesRequested: 0 });
    expect((own.series as { totals: BucketFigures }).totals.casesRequested).toBe(0);
    const customer = await api.call('GET', path('bucket=day'), who.customer);
    expect(customer.status).toBe(403);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2026-13-01', 'from'],
    ['from=2026-02-30&to=2026-03-02', 'from'],
    ['to=2026-11-05T10:00', 'to'],
    ['from=2026-11-05&to=2026-11-01', 'from'],
    ['from=2026-11-05T10:00:00Z&to=2026-11-05T10:00:00Z', 'from'],
    ['from=2025-01-01&to=2026-01-02', 'to'],
    ['bucket=month', 'bucket'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const answer = await api.call('GET', path(query), who.ops);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details).toEqual([expect.objectContaining({ field })]);
  });

  it('takes a full year of days', async () => {
    const answer = expectStatus(await api.call('GET', path('from=2025-01-01&to=2025-12-31'), who.ops));
    expect((answer.series as { buckets: unknown[] }).buckets).toHaveLength(365);
  });
});
