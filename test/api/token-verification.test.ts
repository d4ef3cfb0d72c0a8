import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { loadRuntimeConfig } from '../../libs/config/src';

const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'aftersales-api';

type SigningKey = KeyLike | Uint8Array;

/** A JSON Web Key Set served on 127.0.0.1, as an identity provider serves its keys. */
async function serveJwks(keys: JWK[]): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` };
}

function token(
  key: SigningKey,
  header: { alg: string; kid?: string },
  claims: { iss?: string; aud?: string; exp?: boolean } = {},
): Promise<string> {
  const jwt = new SignJWT({ role: 'ops' }).setProtectedHeader(header).setSubject('ops-idp').setIssuedAt();
  if (claims.iss !== undefined) jwt.setIssuer(claims.iss);
  if (claims.aud !== undefined) jwt.setAudience(claims.aud);
  if (claims.exp !== false) jwt.setExpirationTime('10m');
  return jwt.sign(key);
}

describe('API: tokens of an identity provider (JWKS), issuer and audience', () => {
  let app: INestApplication;
  let jwks: Server;
  const base = loadRuntimeConfig(process.env);
  const secret = new TextEncoder().encode(base.authJwtSecret as string);
  const keys = {} as Record<'rsa' | 'ec' | 'stranger', { privateKey: KeyLike; publicKey: KeyLike }>;
  const good = { iss: ISSUER, aud: AUDIENCE };

  beforeAll(async () => {
    keys.rsa = await generateKeyPair('RS256');
    keys.ec = await generateKeyPair('ES256');
    keys.stranger = await generateKeyPair('RS256');
    const served = await serveJwks([
      { ...(await exportJWK(keys.rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(keys.ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ]);
    jwks = served.server;
    app = await createApiApp(
      { ...base, authJwtIssuer: ISSUER, authJwtAudience: AUDIENCE, authJwksUrl: served.url },
      ['error'],
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const list = (bearer: string) =>
    request(app.getHttpServer()).get('/v1/cases?limit=1').set('Authorization', `Bearer ${bearer}`);

  it('accepts RS256 and ES256 tokens signed by the keys the JWKS endpoint serves', async () => {
    await list(await token(keys.rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' }, good)).expect(200);
    await list(await token(keys.ec.privateKey, { alg: 'ES256', kid: 'ec-1' }, good)).expect(200);
  });

  it('refuses a token signed by another key under a served key id, with 401', async () => {
    const forged = await token(keys.stranger.privateKey, { alg: 'RS256', kid: 'rsa-1' }, good);
    const answer = await list(forged).expect(401);
    expect(answer.body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/signature/),
    });
    await list(await token(keys.stranger.privateKey, { alg: 'RS256', kid: 'other' }, good)).expect(401);
  });

  it('keeps HS256 tokens signed with AUTH_JWT_SECRET, with the issuer and audience checked', async () => {
    await list(await token(secret, { alg: 'HS256' }, good)).expect(200);
  });

  it('refuses a wrong or missing issuer or audience with 401 naming the claim', async () => {
    const cases = [
      { claims: { iss: 'https://evil.example/', aud: AUDIENCE }, claim: 'iss' },
      { claims: { aud: AUDIENCE }, claim: 'iss' },
      { claims: { iss: ISSUER, aud: 'another-api' }, claim: 'aud' },
      { claims: { iss: ISSUER }, claim: 'aud' },
    ];
    for (const { claims, claim } of cases) {
      for (const bearer of [
        await token(secret, { alg: 'HS256' }, claims),
        await token(keys.rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' }, claims),
      ]) {
        const answer = await list(bearer).expect(401);
        expect(answer.body.error.message).toContain(`"${claim}"`);
      }
    }
  });

  it('refuses a token without an expiry', async () => {
    const answer = await list(await token(secret, { alg: 'HS256' }, { ...good, exp: false })).expect(401);
    expect(answer.body.error.message).toContain('expiry');
  });
});
