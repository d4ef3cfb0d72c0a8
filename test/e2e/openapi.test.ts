import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { loadRuntimeConfig } from '../../libs/config/src';

describe('the OpenAPI description', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp(loadRuntimeConfig(process.env), ['error']);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents every endpoint of API.md that exists by now, with bodies and errors', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const paths = response.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const expected: Array<[string, string]> = [
      ['/v1/cases', 'post'],
      ['/v1/cases', 'get'],
      ['/v1/cases/{caseId}', 'get'],
      ['/v1/cases/{caseId}/events', 'get'],
      ['/v1/cases/{caseId}/decision', 'post'],
      ['/v1/cases/{caseId}/cancel', 'post'],
      ['/v1/cases/{caseId}/return-shipment', 'post'],
      ['/v1/cases/{caseId}/escalate', 'post'],
      ['/v1/cases/{caseId}/arbitration', 'post'],
      ['/v1/cases/{caseId}/inspection', 'post'],
      ['/v1/carrier/events', 'post'],
      ['/v1/supplier-returns/{batchId}/credit', 'post'],
      ['/v1/supplier-returns', 'get'],
      ['/v1/ops/projections/rebuild', 'post'],
      ['/v1/ops/metrics/service-quality', 'get'],
    ];
    for (const [path, method] of expected) {
      const operation = paths[path]?.[method];
      expect({ path, method, documented: operation !== undefined }).toEqual({
        path,
        method,
        documented: true,
      });
      expect(Object.keys(operation.responses as object)).toEqual(expect.arrayContaining(['401']));
      if (method === 'post' && !path.includes('rebuild')) expect(operation.requestBody).toBeDefined();
    }
    const create = paths['/v1/cases'].post.requestBody as {
      content: { 'application/json': { schema: { required: string[] } } };
    };
    expect(create.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['requestId', 'orderId', 'lines', 'returnMethod']),
    );
  });
});
