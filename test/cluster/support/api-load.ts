import { ApiHarness, caseIdOf, caseRequest, Identities } from '../../e2e/e2e-support';

/** One case opened over HTTP by a client that repeats its request (same requestId) until it is answered. */
export interface OpenedCase {
  requestId: string;
  caseId: string;
  /** Every answer's status, `net` for a failed connection. */
  answers: Array<number | 'net'>;
}

/** What the load saw. */
export interface ApiLoadResult {
  cases: OpenedCase[];
  /** `GET /health` answers by status. */
  health: Record<string, number>;
  /** `POST /v1/cases` answers by status, retries included. */
  posts: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: number | string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

async function openCase(api: ApiHarness, who: Identities, deadline: number, posts: Record<string, number>) {
  const body = await caseRequest(api, who);
  const opened: OpenedCase = { requestId: body.requestId, caseId: caseIdOf(body.requestId), answers: [] };
  while (Date.now() < deadline) {
    const status = await api.call('POST', '/v1/cases', who.customer, body).then(
      (answer) => answer.status,
      () => 'net' as const,
    );
    opened.answers.push(status);
    bump(posts, status);
    // Answered (a 4xx would be a finding of its own): only 5xx and lost connections are repeated.
    if (typeof status === 'number' && status < 500) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  return opened;
}

/**
 * Opens a case every `intervalMs` and asks `/health` as often, until `stop()`, which waits for every
 * client to have its answer (each repeats its request through 5xx answers, for up to 2 minutes).
 */
export function startApiLoad(api: ApiHarness, who: Identities, intervalMs = 300) {
  const posts: Record<string, number> = {};
  const health: Record<string, number> = {};
  const clients: Array<Promise<OpenedCase>> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      clients.push(openCase(api, who, Date.now() + 120_000, posts));
      const answer = await api.call('GET', '/health').then(
        (response) => response.status,
        () => 'net' as const,
      );
      bump(health, answer);
      await new Promise((done) => setTimeout(done, intervalMs));
    }
  })();
  return {
    stop: async (): Promise<ApiLoadResult> => {
      running = false;
      await loop;
      return { cases: await Promise.all(clients), health, posts };
    },
  };
}
