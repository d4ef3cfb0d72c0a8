import { DataSource } from 'typeorm';
import {
  EventStore,
  NewEvent,
  Projector,
  ServiceQualityClassifier,
  ServiceQualityFact,
  ServiceQualityProjection,
  ServiceQualityQueries,
} from '../../libs/persistence/src';
import { eventually, openTestDataSource, uniqueId } from './persistence-test-support';

const PREFIX = 'test.sq.';

/** Reads the fact straight from the test event (the real classifier maps libs/domain's events). */
const testClassifier: ServiceQualityClassifier = (event) => {
  if (!event.type.startsWith(PREFIX)) return null;
  const data = event.data as { merchantId?: string; dueBy?: string };
  const kind = event.type.slice(PREFIX.length) as ServiceQualityFact['kind'];
  if (kind === 'REQUESTED') return { kind, merchantId: data.merchantId ?? '' };
  if (kind === 'REFUND_DUE') return { kind, dueBy: data.dueBy ?? '' };
  return { kind } as ServiceQualityFact;
};

const T0 = Date.parse('2026-11-05T10:00:00.000Z');
const hours = (n: number) => new Date(T0 + n * 3_600_000).toISOString();

function fact(kind: ServiceQualityFact['kind'], at: string, data: Record<string, unknown> = {}): NewEvent {
  return { type: `${PREFIX}${kind}`, schemaVersion: 1, occurredAt: at, actor: { kind: 'TEST' }, data };
}

describe('service-quality projection', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('computes response and resolution times, timeouts, escalations and late refunds per merchant', async () => {
    const merchantId = uniqueId('merchant-sq');
    const append = (events: NewEvent[]) =>
      store.append({ streamId: uniqueId('case-sq'), expectedVersion: 0, commandId: uniqueId('cmd'), events });
    await append([
      fact('REQUESTED', hours(0), { merchantId }),
      fact('MERCHANT_RESPONDED', hours(2)),
      fact('MERCHANT_RESPONDED', hours(3)),
      fact('RESOLVED', hours(10)),
    ]);
    await append([
      fact('REQUESTED', hours(0), { merchantId }),
      fact('APPROVED_BY_TIMEOUT', hours(48)),
      fact('ESCALATED', hours(49)),
      fact('ESCALATED', hours(49.5)),
      fact('REFUND_DUE', hours(50), { dueBy: hours(55) }),
      fact('REFUND_PAID', hours(60)),
      fact('RESOLVED', hours(70)),
    ]);
    await append([
      fact('REQUESTED', hours(0), { merchantId }),
      fact('AUTO_APPROVED', hours(0)),
      fact('REFUND_PAID', hours(1)),
    ]);

    const projector = new Projector(dataSource, new ServiceQualityProjection(testClassifier, uniqueId('sq')));
    const queries = new ServiceQualityQueries(dataSource);
    const figures = await eventually(async () => {
      await projector.catchUp();
      const current = await queries.figures(merchantId);
      return current.refundsPaid === 2 && current.resolvedCases === 2 ? current : undefined;
    });
    expect(figures).toEqual({
      merchantId,
      casesRequested: 3,
      responses: 2,
      averageResponseTimeMs: 25 * 3_600_000,
      averageResponseTime: 'PT25H',
      approvedByTimeout: 1,
      approvedByTimeoutShare: 1 / 3,
      autoApprovedAtRequest: 1,
      resolvedCases: 2,
      averageResolutionTimeMs: 40 * 3_600_000,
      averageResolutionTime: 'PT40H',
      escalatedCases: 1,
      escalationRate: 1 / 3,
      refundsPaid: 2,
      refundsPaidLate: 1,
    });
    const all = await queries.allMerchants();
    expect(all.find((row) => row.merchantId === merchantId)).toEqual(figures);
  });

  it('answers zeros for a merchant without cases', async () => {
    const figures = await new ServiceQualityQueries(dataSource).figures(uniqueId('merchant-none'));
    expect(figures).toMatchObject({ casesRequested: 0, averageResponseTime: null, escalationRate: 0 });
  });
});
