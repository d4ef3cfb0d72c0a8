import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { signToken } from '../../apps/api/src/auth/tokens';
import { loadRuntimeConfig, RuntimeConfig } from '../../libs/config/src';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const customer = { name: '张伟', phone: '13812345678', address: '上海市浦东新区世纪大道100号' };
/** A payload as the Temporal UI sends it: base64 metadata values and data. */
const plain = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(customer)) };
const UI = 'http://localhost:8233';

describe("API: Temporal's codec server at /codec", () => {
  const base: RuntimeConfig = {
    ...loadRuntimeConfig(process.env),
    payloadEncryptionKeys: `k1:${randomBytes(32).toString('base64')}`,
    temporalUiUrl: UI,
  };
  const secret = base.authJwtSecret as string;
  const ops = signToken(secret, { sub: 'ops-1', role: 'ops' });
  const customerToken = signToken(secret, { sub: 'c-1', role: 'customer', customerId: 'c-1' });
  const apps: INestApplication[] = [];

  async function start(config: RuntimeConfig): Promise<INestApplication> {
    const app = await createApiApp(config, ['error']);
    await app.init();
    apps.push(app);
    return app;
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('encrypts and decrypts payloads for an ops token (a round trip gives the payload back)', async () => {
    const server = (await start(base)).getHttpServer();
    const encoded = await request(server)
      .post('/codec/encode')
      .set('Authorization', `Bearer ${ops}`)
      .set('X-Namespace', 'default')
      .send({ payloads: [plain] })
      .expect(200);
    const [sealed] = encoded.body.payloads;
    expect(Buffer.from(sealed.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(sealed.metadata['encryption-key-id'], 'base64').toString()).toBe('k1');
    expect(Buffer.from(sealed.data, 'base64').toString()).not.toContain('13812345678');

    const decoded = await request(server)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${ops}`)
      .send({ payloads: [sealed, plain] })
      .expect(200);
    expect(decoded.body).toEqual({ payloads: [plain, plain] });
  });

  it('refuses other roles with 403 and callers without a token with 401', async () => {
    const server = (await start(base)).getHttpServer();
    for (const path of ['/codec/decode', '/codec/encode']) {
      const refused = await request(server)
        .post(path)
        .set('Authorization', `Bearer ${customerToken}`)
        .send({ payloads: [plain] })
        .expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN_ROLE');
      await request(server)
        .post(path)
        .send({ payloads: [plain] })
        .expect(401);
    }
  });

  it('answers a payload it cannot decrypt with 400, and a body outside the protocol with 400', async () => {
    const server = (await start(base)).getHttpServer();
    const foreign = {
      metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('k9') },
      data: b64('x'.repeat(40)),
    };
    const answer = await request(server)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${ops}`)
      .send({ payloads: [foreign] })
      .expect(400);
    expect(answer.body.error.code).toBe('UNKNOWN_ENCRYPTION_KEY');
    await request(server)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${ops}`)
      .send({ payload: [] })
      .expect(400);
  });

  it("answers the Temporal UI's preflight with CORS for its origin only", async () => {
    const server = (await start(base)).getHttpServer();
    const preflight = await request(server)
      .options('/codec/decode')
      .set('Origin', 'http://127.0.0.1:8233')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace,authorization')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type,x-namespace,authorization');
    const posted = await request(server)
      .post('/codec/decode')
      .set('Origin', UI)
      .set('Authorization', `Bearer ${ops}`)
      .send({ payloads: [plain] })
      .expect(200);
    expect(posted.headers['access-control-allow-origin']).toBe(UI);
    const stranger = await request(server).options('/codec/decode').set('Origin', 'https://evil.example');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the local UI without a token only when CODEC_SERVER_OPEN_LOCAL is on', async () => {
    const server = (await start({ ...base, codecServerOpenLocal: true })).getHttpServer();
    const answer = await request(server)
      .post('/codec/decode')
      .send({ payloads: [plain] })
      .expect(200);
    expect(answer.body).toEqual({ payloads: [plain] });
    expect(loadRuntimeConfig({}).codecServerOpenLocal).toBe(false);
    expect(() => loadRuntimeConfig({ CODEC_SERVER_OPEN_LOCAL: 'true', HOST: '0.0.0.0' })).toThrow(
      /CODEC_SERVER_OPEN_LOCAL=true .* loopback/,
    );
  });
});
