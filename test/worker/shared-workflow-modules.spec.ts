import { z } from 'zod';
import * as definitions from '../../libs/definitions/src';
import * as domain from '../../libs/domain/src';
import { CaseEvent } from '../../libs/domain/src';
import { GENERATED_CASES_START, generateCaseEvents, seededRandom } from '../../scripts/bench/rebuild-cases';

// The worker evaluates SHARED_WORKFLOW_MODULES once per V8 context and deep-freezes what they export
// before any workflow runs (the SDK's reusable context). These tests freeze the same way: objects
// recursively, functions themselves, anything already frozen left alone; then use the domain.

function freezeAsShared(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value) || Object.isFrozen(value)) return;
  seen.add(value);
  if (typeof value === 'object') {
    for (const key of Reflect.ownKeys(value))
      freezeAsShared((value as Record<PropertyKey, unknown>)[key], seen);
  }
  Object.freeze(value);
}

function isSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

describe('the modules a worker shares across workflows', () => {
  beforeAll(() => {
    freezeAsShared(definitions);
    freezeAsShared(domain);
  });

  it('a schema built when its module loads could not be shared: frozen, it throws on first use', () => {
    const schema = z.object({ sku: z.string() });
    freezeAsShared({ schema });
    expect(() => schema.safeParse({ sku: 'A' })).toThrow(TypeError);
  });

  it("every schema the domain exports still validates once the domain's exports are frozen", () => {
    const schemas = Object.entries(domain).filter(([, value]) => isSchema(value));
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['caseRequestSchema', 'policyFileSchema', 'inspectionSchema', 'idSchema']),
    );
    for (const [name, schema] of schemas) {
      const parsed = (schema as z.ZodType).safeParse(undefined);
      expect({ name, success: parsed.success }).toEqual({ name, success: false });
    }
    expect(domain.idSchema.safeParse(' sku-1 ')).toEqual({ success: true, data: 'sku-1' });
  });

  it('whole cases (returns, exchanges, repairs, refunds only) are decided without writing to a frozen constant', () => {
    const random = seededRandom(7);
    const types = new Set<string>();
    let events: CaseEvent[] = [];
    for (let index = 0; index < 60; index += 1) {
      const caseEvents = generateCaseEvents(`case-frozen-${index}`, random, new Date(GENERATED_CASES_START));
      for (const event of caseEvents) if (event.type === 'CASE_REQUESTED') types.add(event.data.request.type);
      events = events.concat(caseEvents);
    }
    expect([...types].sort()).toEqual(['EXCHANGE', 'REFUND_ONLY', 'REPAIR', 'RETURN_REFUND']);
    expect(events.some((event) => event.type === 'CASE_CLOSED')).toBe(true);
  });
});
