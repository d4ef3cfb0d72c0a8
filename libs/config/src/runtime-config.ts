import { z } from 'zod';
import { CASE_TASK_QUEUE, REFUND_TASK_QUEUE } from '../../definitions/src';

/** Port of the embedded PostgreSQL that `npm run dev` / `npm run infra` start when DATABASE_URL is unset. */
export const EMBEDDED_POSTGRES_PORT = 54320;

/** The database URL the processes use when DATABASE_URL is unset: the embedded server under `.data/`. */
export const EMBEDDED_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/aftersales`;

/** The Temporal Web UI of `npm run dev`'s dev server, linked from the ops answers when TEMPORAL_UI_URL is unset. */
export const DEFAULT_TEMPORAL_UI_URL = 'http://localhost:8233';

const runtimeConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .default(EMBEDDED_DATABASE_URL),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  AUTH_JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL of a JSON Web Key Set')
    .optional(),
  RATE_LIMIT_BAD_TOKENS_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  CODEC_SERVER_OPEN_LOCAL: z.enum(['true', 'false'], 'expected true or false').default('false'),
  HOST: z.string().min(1).default('127.0.0.1'),
  POLICY_FILE: z.string().min(1).optional(),
  CASE_TASK_QUEUE: z.string().min(1).default(CASE_TASK_QUEUE),
  REFUND_TASK_QUEUE: z.string().min(1).default(REFUND_TASK_QUEUE),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  TEMPORAL_UI_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL')
    .default(DEFAULT_TEMPORAL_UI_URL),
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  PAYLOAD_ENCRYPTION_KEYS: z.string().min(1).optional(),
  PAYLOAD_ENCRYPTION_ACTIVE_KEY: z.string().min(1).optional(),
});

/** The environment every process (api, worker, sandbox, scripts) reads, validated at start-up. */
export interface RuntimeConfig {
  temporalAddress: string;
  temporalNamespace: string;
  databaseUrl: string;
  port: number;
  /** HS256 secret of the bearer tokens (dev, tests, the sandbox's webhooks). */
  authJwtSecret?: string;
  /** When set, a token's `iss` must equal it. */
  authJwtIssuer?: string;
  /** When set, a token's `aud` must contain it. */
  authJwtAudience?: string;
  /** JSON Web Key Set of an identity provider: RS256/ES256 tokens it signed are accepted. */
  authJwksUrl?: string;
  /** Requests with a bad token per minute per client address before 429; 0 turns the limit off. */
  rateLimitBadTokensPerMinute: number;
  /** Serves /codec without a token (`npm run dev`'s local Temporal UI only; refused unless on loopback). */
  codecServerOpenLocal: boolean;
  policyFile?: string;
  /** Task queue of the case and supplier-return workflows and their activities. */
  caseTaskQueue: string;
  /** Task queue of the refund activities. */
  refundTaskQueue: string;
  /** Requests per minute per caller; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Base URL of the Temporal Web UI the ops answers link cases to (no trailing slash). */
  temporalUiUrl?: string;
  /**
   * A prebuilt workflow bundle (the worker's code) the API replays case histories against; unset,
   * the API bundles `workflows/` itself on the first replay.
   */
  workflowBundlePath?: string;
  /**
   * `keyId:base64key,...` (32-byte keys): Temporal payloads are encrypted (libs/codec); unset, they
   * are not. Every API and worker process needs the same keys.
   */
  payloadEncryptionKeys?: string;
  /** The key id new payloads are encrypted with (default: the first of the keys). */
  payloadEncryptionActiveKey?: string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** A configuration value that stops the process at start-up, naming the variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Reads and validates the runtime configuration from `env`; throws {@link ConfigError} naming the bad variable. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(nonEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  const codecServerOpenLocal = value.CODEC_SERVER_OPEN_LOCAL === 'true';
  if (codecServerOpenLocal && !LOOPBACK_HOSTS.includes(value.HOST)) {
    throw new ConfigError(
      `Invalid configuration: CODEC_SERVER_OPEN_LOCAL=true serves decoded customer data without a token; ` +
        `it is allowed only when the API listens on loopback (HOST is ${value.HOST})`,
    );
  }
  return {
    temporalAddress: value.TEMPORAL_ADDRESS,
    temporalNamespace: value.TEMPORAL_NAMESPACE,
    databaseUrl: value.DATABASE_URL,
    port: value.PORT,
    authJwtSecret: value.AUTH_JWT_SECRET,
    authJwtIssuer: value.AUTH_JWT_ISSUER,
    authJwtAudience: value.AUTH_JWT_AUDIENCE,
    authJwksUrl: value.AUTH_JWKS_URL,
    rateLimitBadTokensPerMinute: value.RATE_LIMIT_BAD_TOKENS_PER_MINUTE,
    codecServerOpenLocal,
    policyFile: value.POLICY_FILE,
    caseTaskQueue: value.CASE_TASK_QUEUE,
    refundTaskQueue: value.REFUND_TASK_QUEUE,
    rateLimitPerMinute: value.RATE_LIMIT_PER_MINUTE,
    temporalUiUrl: value.TEMPORAL_UI_URL.replace(/\/+$/, ''),
    workflowBundlePath: value.WORKFLOW_BUNDLE_PATH,
    payloadEncryptionKeys: value.PAYLOAD_ENCRYPTION_KEYS,
    payloadEncryptionActiveKey: value.PAYLOAD_ENCRYPTION_ACTIVE_KEY,
  };
}

/** Treats empty variables as unset, as shells and compose files often pass them. */
function nonEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
