import { caseIdOfRequest } from '../../apps/api/src/cases/case-id';
import { ApiHarness, caseRequest, expectStatus, identities, Identities, startApi } from '../e2e/e2e-support';

jest.setTimeout(120_000);

describe('GET /v1/ops/cases/{id}/links: the Temporal UI link for ops', () => {
  let api: ApiHarness;
  let who: Identities;
  let caseId: string;

  beforeAll(async () => {
    api = await startApi({ config: { temporalUiUrl: 'https://temporal-ui.example.test/' } });
    who = identities();
    caseId = expectStatus(await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who)), 201)
      .caseId as string;
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  it("links ops to the case workflow's page and its current run in the configured UI", async () => {
    const answer = expectStatus(await api.call('GET', `/v1/ops/cases/${caseId}/links`, who.ops));
    const workflowId = `case-${caseId}`;
    const page = `https://temporal-ui.example.test/namespaces/${api.stack.config.temporalNamespace}/workflows/${workflowId}`;
    const described = await api.stack.temporal.workflow.getHandle(workflowId).describe();
    expect(answer).toEqual({
      caseId,
      workflowId,
      runId: described.runId,
      links: { temporalUi: page, temporalUiRun: `${page}/${described.runId}/history` },
    });
  });

  it('refuses everyone but ops, the case owners included (403)', async () => {
    for (const caller of [who.customer, who.merchant, who.warehouse]) {
      const answer = await api.call('GET', `/v1/ops/cases/${caseId}/links`, caller);
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('FORBIDDEN_ROLE');
    }
  });

  it('answers 404 for a case nobody knows', async () => {
    const unknown = caseIdOfRequest(`never-sent-${who.customerId}`);
    expect((await api.call('GET', `/v1/ops/cases/${unknown}/links`, who.ops)).status).toBe(404);
    expect((await api.call('GET', '/v1/ops/cases/not-a-case/links', who.ops)).status).toBe(404);
  });
});
