import { ConfigError, loadRuntimeConfig } from './runtime-config';

describe('loadRuntimeConfig: auth and codec settings', () => {
  it('defaults to no issuer, audience or JWKS, 600 bad tokens per minute and a closed codec server', () => {
    expect(loadRuntimeConfig({})).toMatchObject({
      authJwtIssuer: undefined,
      authJwtAudience: undefined,
      authJwksUrl: undefined,
      rateLimitBadTokensPerMinute: 600,
      codecServerOpenLocal: false,
    });
  });

  it('reads the identity provider, issuer, audience and limits', () => {
    const config = loadRuntimeConfig({
      AUTH_JWT_ISSUER: 'https://id.example/',
      AUTH_JWT_AUDIENCE: 'aftersales-api',
      AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json',
      RATE_LIMIT_BAD_TOKENS_PER_MINUTE: '0',
      CODEC_SERVER_OPEN_LOCAL: 'true',
    });
    expect(config).toMatchObject({
      authJwtIssuer: 'https://id.example/',
      authJwtAudience: 'aftersales-api',
      authJwksUrl: 'https://id.example/.well-known/jwks.json',
      rateLimitBadTokensPerMinute: 0,
      codecServerOpenLocal: true,
    });
  });

  it.each([
    [{ AUTH_JWKS_URL: 'id.example/jwks' }, 'AUTH_JWKS_URL'],
    [{ RATE_LIMIT_BAD_TOKENS_PER_MINUTE: '-1' }, 'RATE_LIMIT_BAD_TOKENS_PER_MINUTE'],
    [{ CODEC_SERVER_OPEN_LOCAL: 'yes' }, 'CODEC_SERVER_OPEN_LOCAL'],
    [{ CODEC_SERVER_OPEN_LOCAL: 'true', HOST: '0.0.0.0' }, 'loopback'],
  ])('refuses %j naming %s', (env, named) => {
    expect(() => loadRuntimeConfig(env)).toThrow(ConfigError);
    expect(() => loadRuntimeConfig(env)).toThrow(named);
  });
});
