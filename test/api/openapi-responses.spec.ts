import { caseViewSchema } from '../../apps/api/src/cases/case-view.schema';
import type { OrderAllowancesView } from '../../apps/api/src/orders/order-allowances.service';
import { orderAllowancesSchema } from '../../apps/api/src/orders/orders.responses';
import { supplierBatchSchema } from '../../apps/api/src/supplier-returns/supplier-returns.responses';
import type { SupplierBatch } from '../../workflows/supplier-returns.definitions';
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

  it('names every success answer as a component, none inline (a generated client gets a type per body)', () => {
    const inline: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          const schema = answer.content?.['application/json']?.schema;
          if (status.startsWith('2') && schema && typeof schema.$ref !== 'string') {
            inline.push(`${method.toUpperCase()} ${path} ${status}`);
          }
        }
      }
    }
    expect(inline).toEqual([]);
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
        'OrderAllowances',
        'SupplierBatch',
        'SupplierBatches',
        'UnmatchedReceiptAnswer',
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

  // Every optional field given, so the typed fixtures name each field the API answers with.
  it('names every field of an order allowance and of a supplier batch (nothing stripped, nothing refused)', () => {
    const money = (amount: number) => ({ amount, currency: 'CNY' });
    const allowances: OrderAllowancesView = {
      orderId: 'o-1',
      lines: [
        {
          lineId: 'o-1-1',
          sku: 'sku-1',
          ordered: 2,
          heldByOpenCases: 1,
          returned: 0,
          returnable: 1,
          paid: money(10000),
          reserved: money(5000),
          refunded: money(0),
          refundable: money(5000),
        },
      ],
    };
    const batch: Required<SupplierBatch> = {
      batchId: 'RTV-s-1-1-rabc',
      supplierId: 's-1',
      status: 'CREDITED',
      units: [{ unitId: 'u-1', caseId: 'case-1', sku: 'sku-1', quantity: 1, unitCost: money(3000) }],
      openedAt: '2026-11-01T00:00:00.000Z',
      shippedAt: '2026-11-02T00:00:00.000Z',
      creditNote: { creditNoteId: 'cn-1', amount: money(3000), recordedAt: '2026-11-03T00:00:00.000Z' },
      attempts: 1,
      lastError: { code: 'SUPPLIER_CLOSED', message: 'closed', at: '2026-11-01T12:00:00.000Z' },
      nextAttemptAt: '2026-11-02T00:00:00.000Z',
    };
    expect(orderAllowancesSchema.parse(allowances)).toEqual(allowances);
    expect(supplierBatchSchema.parse(batch)).toEqual(batch);
  });
});
