import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadRuntimeConfig } from '../../libs/config/src';
import { createApiApp } from '../../apps/api/src/app.factory';

describe('GET /health', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it('answers 200 when Temporal and PostgreSQL are up, without a token', async () => {
    app = await createApiApp(loadRuntimeConfig(process.env), ['error']);
    await app.init();
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      temporal: { status: 'up' },
      database: { status: 'up' },
    });
  });

  it('answers 503 naming Temporal when it cannot be reached', async () => {
    app = await createApiApp(loadRuntimeConfig({ ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1' }), [
      'error',
    ]);
    await app.init();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toMatchObject({
      status: 'degraded',
      temporal: { status: 'down' },
      database: { status: 'up' },
    });
  });

  it('serves the OpenAPI description at /docs-json', async () => {
    app = await createApiApp(loadRuntimeConfig(process.env), ['error']);
    await app.init();
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toContain('/health');
  });
});
