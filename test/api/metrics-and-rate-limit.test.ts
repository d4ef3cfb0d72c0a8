import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadRuntimeConfig } from '../../libs/config/src';

describe('API: Prometheus metrics and rate limiting', () => {
  let app: INestApplication;
  const config = { ...loadRuntimeConfig(process.env), rateLimitPerMinute: 3 };
  const secret = config.authJwtSecret as string;
  const ops = signToken(secret, { sub: 'ops-rate', role: 'ops' });
  const otherOps = signToken(secret, { sub: 'ops-other', role: 'ops' });

  beforeAll(async () => {
    app = await createApiApp(config, ['error']);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 in the error shape once a caller passes its limit, and leaves other callers alone', async () => {
    const server = app.getHttpServer();
    const list = () => request(server).get('/v1/cases?limit=1');
    for (let call = 0; call < 3; call++) await list().set('Authorization', `Bearer ${ops}`).expect(200);

    const limited = await list().set('Authorization', `Bearer ${ops}`).expect(429);
    expect(limited.body).toEqual({
      error: expect.objectContaining({
        code: 'RATE_LIMITED',
        message: expect.stringContaining('3 requests'),
      }),
    });
    await list().set('Authorization', `Bearer ${otherOps}`).expect(200);
  });

  it('serves request latency by route pattern at /metrics, with no case ids in the labels', async () => {
    const server = app.getHttpServer();
    await request(server).get('/v1/cases/some-case-id').set('Authorization', `Bearer ${otherOps}`);
    const response = await request(server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /aftersales_http_request_duration_seconds_count\{method="GET",route="\/v1\/cases",status="200"\} \d+/,
    );
    expect(response.text).toContain('route="/v1/cases/:caseId"');
    expect(response.text).not.toContain('some-case-id');
    expect(response.text).toContain('aftersales_api_process_resident_memory_bytes');
  });
});
