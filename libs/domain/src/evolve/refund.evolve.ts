import { EvolverMap, deadlines } from './evolver';

/** How the refund events change the state. */
export const REFUND_EVOLVERS: EvolverMap<'REFUND_REQUESTED' | 'REFUND_SUCCEEDED' | 'REFUND_FAILED'> = {
  REFUND_REQUESTED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    const existing = state.refunds.find((refund) => refund.refundId === data.refundId);
    const record = {
      refundId: data.refundId,
      idempotencyKey: existing?.idempotencyKey ?? data.idempotencyKey,
      amount: existing?.amount ?? data.amount,
      purpose: existing?.purpose ?? data.purpose,
      status: 'PENDING' as const,
      requestedAt: existing?.requestedAt ?? at,
      settledAt: null,
    };
    return {
      ...state,
      refunds: existing
        ? state.refunds.map((refund) => (refund.refundId === data.refundId ? record : refund))
        : [...state.refunds, record],
    };
  },
  REFUND_SUCCEEDED: (state, event) => {
    const at = event.occurredAt;
    const refunds = state.refunds.map((refund) =>
      refund.refundId === event.data.refundId
        ? { ...refund, status: 'SUCCEEDED' as const, settledAt: at }
        : refund,
    );
    const allPaid = refunds.every((refund) => refund.status === 'SUCCEEDED');
    return {
      ...state,
      refunds,
      flags: state.flags.filter(
        (flag) => !(flag.kind === 'REFUND_FAILED' && flag.refundId === event.data.refundId),
      ),
      deadlines: allPaid ? deadlines(state, { refundBy: null }) : state.deadlines,
    };
  },
  REFUND_FAILED: (state, event) => {
    const at = event.occurredAt;
    return {
      ...state,
      refunds: state.refunds.map((refund) =>
        refund.refundId === event.data.refundId
          ? { ...refund, status: 'FAILED' as const, settledAt: at }
          : refund,
      ),
      flags: [
        ...state.flags,
        { kind: 'REFUND_FAILED', refundId: event.data.refundId, errorCode: event.data.errorCode, at },
      ],
    };
  },
};
