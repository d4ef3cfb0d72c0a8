import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadRuntimeConfig } from '../../libs/config/src';

describe('API: bad tokens rate limited per address', () => {
  let app: INestApplication;
  const config = { ...loadRuntimeConfig(process.env), rateLimitBadTokensPerMinute: 3 };
  const ops = signToken(config.authJwtSecret as string, { sub: 'ops-1', role: 'ops' });

  beforeAll(async () => {
    app = await createApiApp(config, ['error']);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 to an address past its bad tokens, before verifying even a good token', async () => {
    const list = () => request(app.getHttpServer()).get('/v1/cases?limit=1');
    await list().set('Authorization', `Bearer ${ops}`).expect(200);
    await list().set('Authorization', 'Bearer not-a-token').expect(401);
    await list()
      .set('Authorization', `Bearer ${signToken('another-secret-of-16+', { sub: 'x', role: 'ops' })}`)
      .expect(401);
    await list().expect(401);

    const limited = await list().set('Authorization', `Bearer ${ops}`).expect(429);
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('3 requests with a bad token'),
    });
    await list().set('Authorization', 'Bearer not-a-token').expect(429);
    await request(app.getHttpServer())
      .get('/health')
      .expect((answer) => expect(answer.status).not.toBe(429));
  });
});
