import { NO_DEADLINES, commandKey } from '../case.state';
import { EvolverMap, deadlines, withIds } from './evolver';

/** How the review events change the state. */
export const REVIEW_EVOLVERS: EvolverMap<
  | 'CASE_REQUESTED'
  | 'CASE_APPROVED'
  | 'CASE_REJECTED'
  | 'CASE_ESCALATED'
  | 'ARBITRATION_OPENED'
  | 'ARBITRATION_RULED'
> = {
  CASE_REQUESTED: (state, event) => {
    const { data } = event;
    return {
      ...state,
      caseId: data.caseId,
      status: 'PENDING_MERCHANT_REVIEW',
      request: data.request,
      eligibility: data.eligibility,
      policyVersion: data.policyVersion,
      profileName: data.profileName,
      profile: data.profile,
      timeZone: data.timeZone,
      deadlines: { ...NO_DEADLINES, merchantRespondBy: data.merchantRespondBy },
      riskFlags: [...(state.riskFlags ?? []), ...(data.riskFlags ?? [])],
      commandIds: withIds(state, commandKey.request(data.request.requestId)),
    };
  },
  CASE_APPROVED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    const method = state.request?.returnMethod ?? 'NONE';
    return {
      ...state,
      status: data.returnRequired ? 'AWAITING_RETURN' : 'REFUNDING',
      approval: { by: data.by, at, refundCap: data.refundAmount ?? state.approval?.refundCap ?? null },
      arbitration: state.arbitration,
      returnShipment:
        data.returnRequired && state.returnShipment === null
          ? {
              method,
              carrier: null,
              trackingNumber: null,
              bookingId: null,
              status: 'NOT_SHIPPED',
              lastScanAt: null,
            }
          : state.returnShipment,
      deadlines: deadlines(state, {
        merchantRespondBy: null,
        merchantAnswerBy: null,
        escalateBy: null,
        customerShipBy: data.customerShipBy,
      }),
      commandIds: withIds(
        state,
        data.decisionId ? commandKey.decision(data.decisionId) : null,
        data.rulingId ? commandKey.ruling(data.rulingId) : null,
      ),
    };
  },
  CASE_REJECTED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    return {
      ...state,
      status: 'REJECTED',
      rejection: { by: data.by, at },
      deadlines: { ...NO_DEADLINES, escalateBy: data.escalateBy },
      commandIds: withIds(state, data.decisionId ? commandKey.decision(data.decisionId) : null),
    };
  },
  CASE_ESCALATED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    return {
      ...state,
      status: 'ESCALATED',
      escalation: { escalationId: data.escalationId, at, contests: state.rejection?.by ?? 'MERCHANT' },
      deadlines: deadlines(state, { escalateBy: null, merchantAnswerBy: data.merchantAnswerBy }),
      commandIds: withIds(state, commandKey.escalation(data.escalationId)),
    };
  },
  ARBITRATION_OPENED: (state, event) => ({
    ...state,
    status: 'IN_ARBITRATION',
    arbitration: { cause: event.data.cause, ruling: null },
    deadlines: deadlines(state, { merchantAnswerBy: null }),
    commandIds: withIds(state, event.data.decisionId ? commandKey.decision(event.data.decisionId) : null),
  }),
  ARBITRATION_RULED: (state, event) => ({
    ...state,
    arbitration: {
      cause: state.arbitration?.cause ?? 'MERCHANT_DID_NOT_ANSWER',
      ruling: event.data.ruling,
    },
    commandIds: withIds(state, commandKey.ruling(event.data.rulingId)),
  }),
};
