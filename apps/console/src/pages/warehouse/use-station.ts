import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CaseView } from '../../api/case-view';
import { receiveParcel, submitInspection } from '../../api/warehouse';
import { loadScans, saveScans, ScanEntry } from './scan-log';
import { inspectionItemsOf, Unit, unitsOf } from './units';

/** Where the station is: scanning, grading a matched case, or showing what the inspection set going. */
export type Stage =
  | { kind: 'scan'; notice?: string }
  | { kind: 'grade'; view: CaseView; units: Unit[]; error: string | null }
  | { kind: 'done'; view: CaseView };

const messageOf = (error: unknown) =>
  error instanceof ApiError ? `${error.code}: ${error.message}` : (error as Error).message;

/** The station's flow: a scan is a dock receipt; a matched case is graded and inspected; then the next scan. */
export function useStation(warehouseId: string, inspector: string) {
  const { t } = useTranslation('warehouse');
  const [stage, setStage] = useState<Stage>({ kind: 'scan' });
  const [scans, setScans] = useState<ScanEntry[]>(loadScans);
  const [busy, setBusy] = useState(false);
  const record = (entry: ScanEntry) => setScans((previous) => saveScans([entry, ...previous]));

  const scan = async (trackingNumber: string) => {
    const receiptId = `rcpt-${crypto.randomUUID()}`;
    const base = { receiptId, trackingNumber, at: new Date().toISOString() };
    setBusy(true);
    try {
      const outcome = await receiveParcel({ receiptId, warehouseId, trackingNumber });
      if (!outcome.matched) {
        record({ ...base, result: 'UNMATCHED' });
        return setStage({ kind: 'scan', notice: t('unmatched') });
      }
      const { view } = outcome;
      record({ ...base, result: 'MATCHED', caseId: view.caseId, status: view.status });
      if (view.status !== 'AWAITING_INSPECTION') {
        return setStage({
          kind: 'scan',
          notice: t('notAwaiting', { caseId: view.caseId, status: view.status }),
        });
      }
      setStage({ kind: 'grade', view, units: unitsOf(view.items), error: null });
    } catch (error) {
      record({ ...base, result: 'REFUSED', message: messageOf(error) });
      setStage({ kind: 'scan', notice: t('failed', { message: messageOf(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const inspect = async () => {
    if (stage.kind !== 'grade' || busy) return;
    const missing = stage.units.filter((unit) => !unit.grade).length;
    if (missing > 0) return setStage({ ...stage, error: t('missingGrades', { count: missing }) });
    setBusy(true);
    try {
      const view = await submitInspection(stage.view.caseId, {
        inspectionId: `insp-${crypto.randomUUID()}`,
        warehouseId,
        inspector,
        items: inspectionItemsOf(stage.units),
      });
      setStage({ kind: 'done', view });
    } catch (error) {
      setStage({ ...stage, error: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return { stage, setStage, scans, busy, scan, inspect };
}
