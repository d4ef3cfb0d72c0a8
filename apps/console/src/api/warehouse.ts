import { api, unwrap } from './client';
import { CaseView } from './case-view';
import type { InspectionItem } from '../pages/warehouse/units';

/** What a dock scan found: the case now awaiting inspection, or a parcel no open case holds. */
export type ReceiptOutcome = { matched: true; view: CaseView } | { matched: false; receiptId: string };

/** `POST /v1/warehouse/receipts`: 200 with the case view, 202 `{ matched: false }` for an unmatched parcel. */
export async function receiveParcel(body: {
  receiptId: string;
  warehouseId: string;
  trackingNumber: string;
}): Promise<ReceiptOutcome> {
  const answer = await api.POST('/v1/warehouse/receipts', { body });
  const data = unwrap(answer);
  if ('matched' in data) return { matched: false, receiptId: data.receiptId };
  return { matched: true, view: data };
}

/** `POST /v1/cases/{caseId}/inspection`: the graded units; answers the case view. */
export async function submitInspection(
  caseId: string,
  body: { inspectionId: string; warehouseId: string; inspector: string; items: InspectionItem[] },
): Promise<CaseView> {
  return unwrap(await api.POST('/v1/cases/{caseId}/inspection', { params: { path: { caseId } }, body }));
}
