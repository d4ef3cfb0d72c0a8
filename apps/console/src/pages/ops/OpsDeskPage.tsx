import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { OpsAction } from './ops-actions';
import { ServiceQualityCharts } from './ServiceQualityCharts';
import { StuckCasesTable } from './StuckCasesTable';
import './ops.css';

/**
 * Ops desk: the stuck cases with their reasons and the actions that fix them (each behind a
 * confirmation that says what will happen), and the service-quality figures per merchant over time.
 */
export default function OpsDeskPage() {
  const { t } = useTranslation('ops');
  const [action, setAction] = useState<OpsAction | null>(null);
  return (
    <div className="ops-desk">
      <h1>{t('title')}</h1>
      <StuckCasesTable onAction={setAction} />
      <ServiceQualityCharts />
      {action && (
        <ConfirmActionDialog
          key={JSON.stringify(action)}
          action={action}
          onClose={() => setAction(null)}
          onReplace={setAction}
        />
      )}
    </div>
  );
}
