import {
  CaseEvent,
  CaseScenario,
  Decision,
  decideCarrierScan,
  decideInspection,
  decideMerchantDecision,
  decideRefundFailed,
  decideRefundSucceeded,
  decideRegisterReturnShipment,
  DEFAULT_POLICY,
  TEST_ACTORS,
} from '../../libs/domain/src';

/** How far a recorded case goes: still waiting for the merchant, its refund refused, or completed. */
export type HistoryEnd = 'REQUESTED' | 'IN_TRANSIT' | 'REFUND_FAILED' | 'COMPLETED';

const HOUR = 3_600_000;

/**
 * The domain events of a self-ship quality return decided by libs/domain (what the workflow would
 * have appended), from `start` on, an hour between steps: request, merchant approval, shipment, three
 * scans, inspection with its settlement and refund request, and the refund's outcome. Ten or so events.
 */
export function returnRefundHistory(
  caseId: string,
  start: Date,
  who: { merchantId: string; customerId: string },
  end: HistoryEnd = 'COMPLETED',
): CaseEvent[] {
  const scenario = new CaseScenario(start);
  const must = (decision: Decision, step: string) => {
    if (!decision.ok)
      throw new Error(`${caseId}: ${step} refused: ${decision.error.code} ${decision.error.message}`);
  };
  must(
    scenario.open(
      {
        requestId: `req-${caseId}`,
        orderId: `o-${caseId}`,
        merchantId: who.merchantId,
        customerId: who.customerId,
        reason: 'QUALITY_ISSUE',
        returnMethod: 'SELF_SHIP',
        pickupAddress: undefined,
        items: [
          {
            sku: 'sku-1',
            quantity: 1,
            unitPrice: { amount: 32999, currency: 'CNY' },
            category: 'GENERAL',
            supplierId: 's-ops',
            warrantyMonths: 12,
          },
        ],
        paidAt: new Date(start.getTime() - 72 * HOUR).toISOString(),
        deliveredAt: new Date(start.getTime() - 24 * HOUR).toISOString(),
        evidence: [{ kind: 'PHOTO', url: 'https://example.test/photo.jpg' }],
        description: 'the screen flickers',
      },
      DEFAULT_POLICY,
      caseId,
    ),
    'request',
  );
  if (end === 'REQUESTED') return scenario.events;
  if (scenario.state.status === 'PENDING_MERCHANT_REVIEW') {
    scenario.after(HOUR);
    must(
      scenario.run(
        (state, ctx) =>
          decideMerchantDecision(state, { decisionId: `d-${caseId}`, decision: 'APPROVE' }, ctx),
        TEST_ACTORS.merchant,
      ),
      'approval',
    );
  }
  const trackingNumber = `SF-${caseId}`;
  scenario.after(HOUR);
  must(
    scenario.run(
      (state, ctx) => decideRegisterReturnShipment(state, { carrier: 'SF', trackingNumber }, ctx),
      TEST_ACTORS.customer,
    ),
    'shipment',
  );
  for (const event of ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED'] as const) {
    scenario.after(HOUR);
    const occurredAt = scenario.now.toISOString();
    must(
      scenario.run(
        (state, ctx) =>
          decideCarrierScan(
            state,
            { eventId: `${trackingNumber}-${event}`, trackingNumber, event, occurredAt },
            ctx,
          ),
        TEST_ACTORS.carrier,
      ),
      `scan ${event}`,
    );
    if (end === 'IN_TRANSIT' && event === 'IN_TRANSIT') return scenario.events;
  }
  scenario.after(HOUR);
  must(
    scenario.run(
      (state, ctx) =>
        decideInspection(
          state,
          {
            inspectionId: `i-${caseId}`,
            warehouseId: 'wh-1',
            inspector: 'Li',
            items: [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }],
          },
          ctx,
        ),
      TEST_ACTORS.warehouse,
    ),
    'inspection',
  );
  const refund = scenario.state.refunds.find((candidate) => candidate.status === 'PENDING');
  if (!refund) throw new Error(`${caseId}: the inspection requested no refund`);
  scenario.after(HOUR);
  if (end === 'REFUND_FAILED') {
    must(
      scenario.run(
        (state, ctx) =>
          decideRefundFailed(
            state,
            { refundId: refund.refundId, errorCode: 'ACCOUNT_CLOSED', message: 'the account is closed' },
            ctx,
          ),
        TEST_ACTORS.system,
      ),
      'refund failure',
    );
    return scenario.events;
  }
  must(
    scenario.run(
      (state, ctx) =>
        decideRefundSucceeded(state, { refundId: refund.refundId, externalRef: `rf-${caseId}` }, ctx),
      TEST_ACTORS.system,
    ),
    'refund',
  );
  return scenario.events;
}
