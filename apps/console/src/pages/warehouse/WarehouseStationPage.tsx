import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { GradingPanel } from './GradingPanel';
import { OutcomePanel } from './OutcomePanel';
import { ScanForm } from './ScanForm';
import { ScanLogTable } from './ScanLogTable';
import { useStation } from './use-station';
import { WarehouseIdField } from './WarehouseIdField';

const WAREHOUSE_KEY = 'aftersales.console.warehouseId';

/** The warehouse station: scan → dock receipt → grade each unit → inspection → what follows → next scan. */
export default function WarehouseStationPage() {
  const { t } = useTranslation('warehouse');
  const { identity } = useAuth();
  const [warehouseId, setWarehouseId] = useState(() => localStorage.getItem(WAREHOUSE_KEY) ?? 'WH-1');
  const { stage, setStage, scans, busy, scan, inspect } = useStation(
    warehouseId,
    identity?.sub ?? 'warehouse',
  );
  const scanRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (stage.kind === 'scan' && !busy) scanRef.current?.focus();
  }, [stage, busy]);

  return (
    <div className="station">
      <h1>{t('title')}</h1>
      <WarehouseIdField
        value={warehouseId}
        onChange={(value) => {
          localStorage.setItem(WAREHOUSE_KEY, value);
          setWarehouseId(value);
        }}
      />
      {stage.kind === 'scan' && (
        <>
          <ScanForm inputRef={scanRef} busy={busy} onScan={(trackingNumber) => void scan(trackingNumber)} />
          {stage.notice && (
            <p role="status" data-testid="scan-notice">
              {stage.notice}
            </p>
          )}
        </>
      )}
      {stage.kind === 'grade' && (
        <GradingPanel
          view={stage.view}
          units={stage.units}
          busy={busy}
          error={stage.error}
          onUnits={(units) => setStage({ ...stage, units })}
          onSubmit={() => void inspect()}
          onCancel={() => setStage({ kind: 'scan' })}
        />
      )}
      {stage.kind === 'done' && (
        <OutcomePanel inspected={stage.view} onNext={() => setStage({ kind: 'scan' })} />
      )}
      <ScanLogTable scans={scans} />
    </div>
  );
}
