import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { initialCaseState } from '../case.state';
import { makeCaseItem, makeCaseRequest } from '../case.testing';
import { DEFAULT_POLICY } from '../policy.default';
import { decideArbitrationRuling } from './arbitration.decide';
import { decideCancel } from './cancel.decide';
import { decideCarrierScan } from './carrier-scan.decide';
import {
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inspect,
} from './decide-scenario.testing';
import { decideEscalate } from './escalation.decide';
import { decideInspection } from './inspection.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decideOpsAction } from './ops-action.decide';
import { decideRequestCase } from './request.decide';
import { decideRegisterReturnShipment } from './return-shipment.decide';

describe('idempotency and errors', () => {
  it('recognises a repeated requestId, decisionId, carrier eventId and inspectionId', () => {
    const s = new CaseScenario(T0);
    const request = makeCaseRequest({
      items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })],
    });
    expectOk(
      s.run(
        (st, c) => decideRequestCase(st, { caseId: 'case-1', request, policy: DEFAULT_POLICY }, c),
        A.customer,
      ),
    );
    expect(
      decideRequestCase(s.state, { caseId: 'case-1', request, policy: DEFAULT_POLICY }, s.ctx(A.customer)),
    ).toMatchObject({ ok: true, duplicate: true });
    expectError(
      decideRequestCase(
        s.state,
        { caseId: 'case-1', request: { ...request, requestId: 'other' }, policy: DEFAULT_POLICY },
        s.ctx(A.customer),
      ),
      'CASE_ALREADY_EXISTS',
    );
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(
      decideMerchantDecision(s.state, { decisionId: 'd-1', decision: 'APPROVE' }, s.ctx(A.merchant)),
    ).toMatchObject({ ok: true, events: [], duplicate: true });
    expectError(
      decideMerchantDecision(s.state, { decisionId: 'd-2', decision: 'APPROVE' }, s.ctx(A.merchant)),
      'NOT_ALLOWED_IN_STATE',
    );
    deliverToWarehouse(s);
    expect(
      decideCarrierScan(
        s.state,
        { eventId: 'ev-2', trackingNumber: 'SF100', event: 'DELIVERED', occurredAt: s.now.toISOString() },
        s.ctx(A.carrier),
      ),
    ).toMatchObject({ duplicate: true });
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' }])).toMatchObject({
      duplicate: true,
    });
    expect(s.state.refunds).toHaveLength(1);
  });

  it('never throws on garbage input: every decide function returns a value', () => {
    const s = approvedPickup();
    const garbage: unknown[] = [null, undefined, 42, 'x', {}, { decisionId: 5 }, []];
    const ctx = s.ctx(A.customer);
    for (const input of garbage) {
      const anyInput = input as never;
      expect(() => decideMerchantDecision(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideCancel(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideRegisterReturnShipment(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideEscalate(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideArbitrationRuling(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideCarrierScan(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideInspection(s.state, anyInput, ctx)).not.toThrow();
      expect(() =>
        decideRequestCase(initialCaseState, { caseId: 'c', request: input, policy: DEFAULT_POLICY }, ctx),
      ).not.toThrow();
      expect(decideMerchantDecision(s.state, anyInput, ctx).ok).toBe(false);
    }
    expect(decideOpsAction(s.state, { action: 'NOTE', reason: 'looked' }, s.ctx(A.ops)).ok).toBe(true);
  });
});
