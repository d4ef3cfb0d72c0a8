import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../../apps/api/src/app.factory';
import { signToken } from '../../../apps/api/src/auth/tokens';
import { loadRuntimeConfig } from '../../../libs/config/src';
import { FaultStack } from './fault-stack';

/** An answer of the API: status and parsed JSON body. */
export interface OpsAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** How ops resolve a step by hand (API.md, `POST /v1/ops/cases/{id}/steps/{stepKey}/resolve`). */
export interface StepResolution {
  outcome: 'DONE' | 'SKIPPED';
  externalRef?: string;
  note: string;
}

/** The API of a fault stack, as ops call it over HTTP with an ops token. */
export interface OpsApi {
  url: string;
  call(method: string, path: string, body?: unknown): Promise<OpsAnswer>;
  /** `POST /v1/ops/cases/{id}/steps/{stepKey}/retry`; throws unless 200. */
  retryStep(caseId: string, stepKey: string, reason: string): Promise<OpsAnswer>;
  /** `POST /v1/ops/cases/{id}/steps/{stepKey}/resolve`; throws unless 200. */
  resolveStep(caseId: string, stepKey: string, resolution: StepResolution): Promise<OpsAnswer>;
  close(): Promise<void>;
}

/**
 * Starts the API (in this process, on a free port of loopback) against the stack's Temporal, database and
 * task queues, so the scenarios act as ops do: through the ops endpoints, not the workflow's updates.
 */
export async function startOpsApi(stack: FaultStack): Promise<OpsApi> {
  const secret = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    DATABASE_URL: stack.databaseUrl,
    CASE_TASK_QUEUE: stack.caseTaskQueue,
    REFUND_TASK_QUEUE: stack.refundTaskQueue,
    AUTH_JWT_SECRET: secret,
    SANDBOX_URL: stack.sandbox.url,
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const config = loadRuntimeConfig(env);
  const app: INestApplication = await createApiApp(config, ['error'], env);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = signToken(secret, { sub: 'ops-fault-suite', role: 'ops' });

  const call = async (method: string, path: string, body?: unknown): Promise<OpsAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const expectOk = async (what: string, answer: Promise<OpsAnswer>) => {
    const { status, body } = await answer;
    if (status !== 200) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    return { status, body };
  };
  const stepPath = (caseId: string, stepKey: string, action: 'retry' | 'resolve') =>
    `/v1/ops/cases/${encodeURIComponent(caseId)}/steps/${encodeURIComponent(stepKey)}/${action}`;
  return {
    url,
    call,
    retryStep: (caseId, stepKey, reason) =>
      expectOk(`retry ${stepKey} of ${caseId}`, call('POST', stepPath(caseId, stepKey, 'retry'), { reason })),
    resolveStep: (caseId, stepKey, resolution) =>
      expectOk(
        `resolve ${stepKey} of ${caseId}`,
        call('POST', stepPath(caseId, stepKey, 'resolve'), resolution),
      ),
    close: () => app.close(),
  };
}
