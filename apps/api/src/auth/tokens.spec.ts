import jwt from 'jsonwebtoken';
import { loadRuntimeConfig } from '../../../../libs/config/src';
import { TokenVerifier } from './token-verifier';
import { signToken, TokenClaims, tokenAudienceFrom } from './tokens';

const SECRET = 'a-test-secret-of-enough-length';
const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'aftersales-api';
const carrier: TokenClaims = { sub: 'carrier-sandbox', role: 'carrier' };

/** The API's verifier as it runs with AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE set (or not). */
const verifierFor = (env: NodeJS.ProcessEnv) =>
  new TokenVerifier(loadRuntimeConfig({ AUTH_JWT_SECRET: SECRET, ...env }));
const checked = { AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE };

describe('signToken: the issuer and audience the API checks', () => {
  const saved = { issuer: process.env.AUTH_JWT_ISSUER, audience: process.env.AUTH_JWT_AUDIENCE };
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };

  afterEach(() => {
    restore('AUTH_JWT_ISSUER', saved.issuer);
    restore('AUTH_JWT_AUDIENCE', saved.audience);
  });

  it('signs with AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE of the environment, so the API accepts the token', async () => {
    process.env.AUTH_JWT_ISSUER = ISSUER;
    process.env.AUTH_JWT_AUDIENCE = AUDIENCE;
    const token = signToken(SECRET, carrier, 600);
    expect(jwt.decode(token)).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'carrier-sandbox' });
    await expect(verifierFor(checked).verify(token)).resolves.toMatchObject(carrier);
  });

  it('signs with the issuer and audience it is given, over the environment', async () => {
    process.env.AUTH_JWT_ISSUER = 'https://elsewhere.example/';
    const token = signToken(SECRET, carrier, 600, tokenAudienceFrom(checked));
    await expect(verifierFor(checked).verify(token)).resolves.toMatchObject(carrier);
  });

  it('leaves iss and aud out when neither is set (blank counts as unset), as an API that checks neither expects', async () => {
    delete process.env.AUTH_JWT_ISSUER;
    process.env.AUTH_JWT_AUDIENCE = '  ';
    const token = signToken(SECRET, carrier, 600);
    const claims = jwt.decode(token) as Record<string, unknown>;
    expect(claims).not.toHaveProperty('iss');
    expect(claims).not.toHaveProperty('aud');
    await expect(verifierFor({}).verify(token)).resolves.toMatchObject(carrier);
    // Such a token is what an API checking the issuer refused before the fix: 401 naming the claim.
    await expect(verifierFor(checked).verify(token)).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      response: { error: { message: expect.stringContaining('"iss"') } },
    });
  });
});
