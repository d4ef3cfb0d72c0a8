import { INestApplication } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { TemporalProbe } from '../../apps/api/src/health/temporal-probe';
import { loadRuntimeConfig } from '../../libs/config/src';

describe('GET /health and the Temporal connection', () => {
  let app: INestApplication;

  afterEach(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  it('asks Temporal on the connection kept for the probes, opening none per call', async () => {
    app = await createApiApp(loadRuntimeConfig(process.env), ['error']);
    await app.init();
    const connect = jest.spyOn(Connection, 'connect');
    const lazy = jest.spyOn(Connection, 'lazy');
    const { connection } = app.get(TemporalProbe);
    const systemInfo = jest.spyOn(connection.workflowService, 'getSystemInfo');

    for (let call = 0; call < 10; call++) {
      await request(app.getHttpServer()).get('/health').expect(200);
    }
    expect(connect).not.toHaveBeenCalled();
    expect(lazy).not.toHaveBeenCalled();
    expect(systemInfo).toHaveBeenCalledTimes(10);
  });

  it('answers 503 within the probe deadline when Temporal is down, on the same kept connection', async () => {
    app = await createApiApp(loadRuntimeConfig({ ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1' }), [
      'error',
    ]);
    await app.init();
    const connect = jest.spyOn(Connection, 'connect');
    for (let call = 0; call < 2; call++) {
      const started = Date.now();
      const answer = await request(app.getHttpServer()).get('/health').expect(503);
      expect(answer.body.temporal).toMatchObject({ status: 'down' });
      expect(Date.now() - started).toBeLessThan(6000);
    }
    expect(connect).not.toHaveBeenCalled();
  });
});
