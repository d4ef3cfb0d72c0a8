import { useTranslation } from 'react-i18next';
import { CaseView } from '../../api/case-view';
import { useAuth } from '../../auth/AuthContext';
import { PolicyTime } from '../../time/PolicyTime';
import { TemporalUiLink } from './TemporalUiLink';

/** Status, parties, return shipment, what needs ops, and (for ops) the workflow in the Temporal UI. */
export function CaseSummary({ view }: { view: CaseView }) {
  const { t } = useTranslation('case');
  const { identity } = useAuth();
  const attention = view.needsAttention;
  const shipment = view.returnShipment;
  return (
    <section className="card" aria-labelledby="summary">
      <h2 id="summary">{t('summary')}</h2>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="case-status">{view.status}</dd>
        <dt>{t('type')}</dt>
        <dd>
          {view.type} · {view.reason}
        </dd>
        <dt>{t('order')}</dt>
        <dd>{view.orderId}</dd>
        <dt>{t('merchant')}</dt>
        <dd>{view.merchantId}</dd>
        <dt>{t('customer')}</dt>
        <dd>{view.customerId}</dd>
        <dt>{t('createdAt')}</dt>
        <dd>
          <PolicyTime iso={view.createdAt} />
        </dd>
        <dt>{t('updatedAt')}</dt>
        <dd>
          <PolicyTime iso={view.updatedAt} />
        </dd>
        {view.closedReason && (
          <>
            <dt>{t('closedReason')}</dt>
            <dd>{view.closedReason}</dd>
          </>
        )}
        {shipment && (
          <>
            <dt>{t('returnShipment')}</dt>
            <dd>
              {shipment.method} · {shipment.carrier ?? '—'} · <code>{shipment.trackingNumber ?? '—'}</code> ·{' '}
              {shipment.status}
            </dd>
          </>
        )}
        {view.flags.length > 0 && (
          <>
            <dt>{t('flags')}</dt>
            <dd>{view.flags.map((flag) => flag.kind).join(', ')}</dd>
          </>
        )}
      </dl>
      <h3>{t('needsAttention')}</h3>
      {attention.length === 0 ? (
        <p>{t('needsAttentionNone')}</p>
      ) : (
        <ul data-testid="needs-attention">
          {attention.map((step) => (
            <li key={step.stepKey} className="error">
              <code>{step.stepKey}</code> · <PolicyTime iso={step.since} /> · {step.step}: {step.error.code}{' '}
              <q>{step.error.message}</q>
            </li>
          ))}
        </ul>
      )}
      {identity?.role === 'ops' && <TemporalUiLink caseId={view.caseId} />}
    </section>
  );
}
