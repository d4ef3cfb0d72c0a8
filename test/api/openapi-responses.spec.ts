import { caseViewSchema } from '../../apps/api/src/cases/case-view.schema';
import { makeCaseItem } from '../../libs/domain/src/case.testing';
import { toCaseView } from '../../libs/domain/src/case.view';
import {
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  payAllRefunds,
} from '../../libs/domain/src/decide/decide-scenario.testing';
import { decideInspection } from '../../libs/domain/src/decide/inspection.decide';
import { TEST_ACTORS } from '../../libs/domain/src/case.scenario.testing';
import { generatedOpenApiDocument } from '../../scripts/openapi';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

// The console's client is generated from /docs-json: an answer without a schema becomes `unknown` there.
describe('the OpenAPI document describes every answer', () => {
  let document: OpenApi;

  beforeAll(async () => {
    document = (await generatedOpenApiDocument()) as OpenApi;
  });

  it('gives every success answer of every endpoint a JSON schema', () => {
    const untyped: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (successes.length === 0) untyped.push(`${method.toUpperCase()} ${path}: no success answer`);
        for (const [status, answer] of successes) {
          if (!answer.content?.['application/json']?.schema) {
            untyped.push(`${method.toUpperCase()} ${path} ${status}`);
          }
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('resolves every reference to a component of the document', () => {
    const references = JSON.stringify(document).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    const missing = references
      .map((reference) => reference.slice('"#/components/schemas/'.length, -1))
      .filter((name) => !(name in document.components.schemas));
    expect(missing).toEqual([]);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'CaseView',
        'CaseList',
        'CaseEvents',
        'PolicySummary',
        'ServiceQuality',
        'CaseLinks',
      ]),
    );
  });

  it("names every field of the domain's case view in CaseView (nothing stripped, nothing refused)", () => {
    const unitPrice = { amount: 5000, currency: 'CNY' };
    const s = approvedPickup({ items: [makeCaseItem({ lineId: 'o-1-1', unitPrice })] });
    deliverToWarehouse(s);
    expectOk(
      s.run(
        (state, context) =>
          decideInspection(
            state,
            {
              inspectionId: 'insp-1',
              warehouseId: 'wh-1',
              inspector: 'wang',
              items: [
                {
                  sku: 'sku-1',
                  quantity: 1,
                  grade: 'A_RESELLABLE',
                  lineId: 'o-1-1',
                  notes: 'as new',
                  photos: ['https://photos.example.test/1.jpg'],
                },
              ],
            },
            context,
          ),
        TEST_ACTORS.warehouse,
      ),
    );
    payAllRefunds(s);
    const view = toCaseView(s.state);
    expect(caseViewSchema.parse(view)).toEqual(view);
  });
});
