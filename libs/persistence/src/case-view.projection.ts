import {
  CaseView,
  evolve,
  initialCaseState,
  OPENING_EVENT_TYPE,
  toCaseEvent,
  toCaseView,
} from '../../domain/src';
import { foldingProjection } from './folding.projection';

/**
 * The inline `case_views` read model: the whole case stream folded with the domain's `evolve` and
 * rendered by `toCaseView`, the very code the workflow runs, so a rebuild gives the same views.
 */
export const caseViewProjection = foldingProjection({
  name: 'case-view',
  acceptsStream: (firstEvent) => firstEvent.type === OPENING_EVENT_TYPE,
  initialState: initialCaseState,
  toDomainEvent: toCaseEvent,
  evolve,
  toView: (state): CaseView => toCaseView(state),
  columns: (view: CaseView) => ({
    status: view.status,
    merchantId: view.merchantId,
    customerId: view.customerId,
    type: view.type,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  }),
});
