import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory';
import { loadRuntimeConfig } from '../../libs/config/src';
import { CaseEvent } from '../../libs/domain/src';
import {
  caseViewProjection,
  EventStore,
  Projector,
  rebuildReadModels,
  serviceQualityProjection,
  ServiceQualityQueries,
} from '../../libs/persistence/src';
import { runOpsCli } from '../../scripts/ops';
import { openPrivateTestDatabase } from '../persistence/persistence-test-support';
import { HistoryEnd, returnRefundHistory } from './case-history.fixture';

// A few thousand appends and two rebuilds of them, on a database of its own.
jest.setTimeout(300_000);

const STREAMS = 400;
const MERCHANTS = 30;
const ENDS: HistoryEnd[] = ['COMPLETED', 'COMPLETED', 'REFUND_FAILED', 'IN_TRANSIT', 'REQUESTED'];
const APPEND_CONCURRENCY = 5;

describe('rebuilding the read models of a few thousand events', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let totalEvents = 0;

  const liveRows = () =>
    dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM case_views ORDER BY case_id`);
  const qualityFigures = () => new ServiceQualityQueries(dataSource).allMerchants();

  beforeAll(async () => {
    database = await openPrivateTestDatabase('ops_rebuild');
    dataSource = database.dataSource;
    const store = new EventStore(dataSource, { inlineProjections: [caseViewProjection] });
    const streams: Array<{ caseId: string; events: CaseEvent[] }> = Array.from(
      { length: STREAMS },
      (_, index) => {
        const caseId = randomUUID();
        const start = new Date(Date.now() - (20 - (index % 15)) * 86_400_000);
        const who = { merchantId: `m-rebuild-${index % MERCHANTS}`, customerId: `c-rebuild-${index}` };
        return { caseId, events: returnRefundHistory(caseId, start, who, ENDS[index % ENDS.length]) };
      },
    );
    // One append per event, as the workflow appends decision by decision, each updating the inline view.
    const started = performance.now();
    let next = 0;
    const appender = async () => {
      while (next < streams.length) {
        const { caseId, events } = streams[next++];
        for (const [version, event] of events.entries()) {
          await store.append({
            streamId: caseId,
            expectedVersion: version,
            commandId: `${caseId}@${version}`,
            events: [event],
          });
        }
      }
    };
    await Promise.all(Array.from({ length: APPEND_CONCURRENCY }, appender));
    totalEvents = streams.reduce((sum, stream) => sum + stream.events.length, 0);
    console.log(
      `appended ${totalEvents} events to ${STREAMS} streams in ${Math.round(performance.now() - started)} ms`,
    );
    await new Projector(dataSource, serviceQualityProjection).catchUp();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('rebuilds case views identical to the live ones and the same service-quality figures', async () => {
    expect(totalEvents).toBeGreaterThanOrEqual(3000);
    const live = await liveRows();
    const figures = await qualityFigures();
    expect(live).toHaveLength(STREAMS);

    const started = performance.now();
    const result = await rebuildReadModels(dataSource, caseViewProjection, [
      new Projector(dataSource, serviceQualityProjection),
    ]);
    const durationMs = Math.round(performance.now() - started);
    console.log(
      `rebuildReadModels: ${result.caseViews.events} events, ${result.caseViews.streams} streams, ` +
        `${result.caseViews.views} case views + ${result.projections.map((p) => `${p.name} (${p.events} events)`).join(', ')} ` +
        `in ${durationMs} ms`,
    );

    expect(result.caseViews).toMatchObject({
      streams: STREAMS,
      views: STREAMS,
      events: totalEvents,
      swapped: true,
      differencesFromLive: 0,
      sampleDifferences: [],
    });
    expect(result.projections).toEqual([{ name: serviceQualityProjection.name, events: expect.any(Number) }]);
    expect(result.projections[0].events).toBeGreaterThan(0);
    expect(await liveRows()).toEqual(live);
    expect(await qualityFigures()).toEqual(figures);
  });

  it('rebuilds through POST /v1/ops/projections/rebuild and `npm run ops -- rebuild`, saying how long it took', async () => {
    const live = await liveRows();
    const config = { ...loadRuntimeConfig(process.env), databaseUrl: database.url, rateLimitPerMinute: 0 };
    const app: INestApplication = await createApiApp(config, ['error']);
    try {
      await app.listen(0, '127.0.0.1');
      const out: string[] = [];
      const err: string[] = [];
      const code = await runOpsCli(
        ['rebuild'],
        { AFTERSALES_API_URL: await app.getUrl(), AUTH_JWT_SECRET: config.authJwtSecret },
        { out: (text) => out.push(text), err: (text) => err.push(text) },
      );
      const printed = out.join('\n');
      console.log(`npm run ops -- rebuild\n${printed}`);
      expect({ code, err: err.join('\n') }).toEqual({
        code: 0,
        err: 'rebuilding the read models from the event log...',
      });
      expect(printed).toMatch(
        new RegExp(`case_views\\s+${totalEvents}\\s+${STREAMS}\\s+${STREAMS}\\s+swapped in`),
      );
      expect(printed).toContain('0 live view(s) differed');
      expect(printed).toMatch(/took \d+ ms on the server/);
    } finally {
      await app.close();
    }
    expect(await liveRows()).toEqual(live);
  });
});
