import {
  CaseView,
  evolve,
  initialCaseState,
  OPENING_EVENT_TYPE,
  toCaseEvent,
  toCaseView,
} from '../../domain/src';
import { CaseViewProjection } from './case-view.table';
import { foldingProjection } from './folding.projection';

/**
 * The case view of a stream: the whole case stream folded with the domain's `evolve` and rendered
 * by `toCaseView`, the very code the workflow runs, so a rebuild gives the same views.
 */
export const caseViewFold = foldingProjection({
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

/** The inline `case_views` read model of the case streams. */
export const caseViewProjection = new CaseViewProjection(caseViewFold);
