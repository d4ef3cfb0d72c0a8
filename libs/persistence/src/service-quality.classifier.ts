import { CaseEventTypes, isCaseEventType, toCaseEvent } from '../../domain/src';
import { ServiceQualityClassifier } from './service-quality.facts';
import { ServiceQualityProjection } from './service-quality.projection';

/** Maps the domain's case events to the facts the service-quality figures are computed from. */
export const classifyServiceQuality: ServiceQualityClassifier = (stored) => {
  if (!isCaseEventType(stored.type)) return null;
  const event = toCaseEvent(stored);
  switch (event.type) {
    case CaseEventTypes.CASE_REQUESTED:
      return { kind: 'REQUESTED', merchantId: event.data.request.merchantId };
    case CaseEventTypes.CASE_APPROVED:
      if (event.data.by === 'TIMEOUT') return { kind: 'APPROVED_BY_TIMEOUT' };
      if (event.data.by === 'AUTO') return { kind: 'AUTO_APPROVED' };
      return event.data.by === 'MERCHANT' ? { kind: 'MERCHANT_RESPONDED' } : null;
    case CaseEventTypes.CASE_REJECTED:
      return event.data.by === 'MERCHANT' ? { kind: 'MERCHANT_RESPONDED' } : null;
    case CaseEventTypes.CASE_ESCALATED:
      return { kind: 'ESCALATED' };
    case CaseEventTypes.CASE_COMPLETED:
    case CaseEventTypes.CASE_CLOSED:
    case CaseEventTypes.CASE_CANCELLED:
      return { kind: 'RESOLVED' };
    case CaseEventTypes.SETTLEMENT_DECIDED:
      return event.data.refundBy && event.data.refundDue.amount > 0
        ? { kind: 'REFUND_DUE', dueBy: event.data.refundBy }
        : null;
    case CaseEventTypes.REFUND_SUCCEEDED:
      return { kind: 'REFUND_PAID' };
    case CaseEventTypes.SLA_BREACHED:
      return event.data.clock === 'REFUND_AFTER_INSPECTION' ? { kind: 'REFUND_LATE' } : null;
    default:
      return null;
  }
};

/** The service-quality projector of the case events (checkpoint `service-quality`). */
export const serviceQualityProjection = new ServiceQualityProjection(classifyServiceQuality);
