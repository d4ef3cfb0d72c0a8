import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { PolicyTime } from '../../time/PolicyTime';
import { actionsOfReason, OpsAction } from './ops-actions';
import { useStuckCases } from './ops.queries';
import { StuckCase, StuckReason } from './ops.types';

interface Props {
  /** A button was pressed: the page asks for confirmation. */
  onAction(action: OpsAction): void;
}

function ReasonItem({ item, reason, onAction }: { item: StuckCase; reason: StuckReason } & Props) {
  const { t } = useTranslation('ops');
  const subject = reason.activityType ?? reason.stepKey ?? reason.refundId;
  return (
    <li data-reason={reason.kind}>
      <strong>{t(`reason.${reason.kind}`, { defaultValue: reason.kind })}</strong>
      {subject && <code> {subject}</code>}
      {reason.attempts !== undefined && <span> · {t('attempts', { count: reason.attempts })}</span>}
      <span> · {t('since')} </span>
      <PolicyTime iso={reason.since} />
      <div className="reason-detail">{reason.lastError ?? reason.detail}</div>
      {actionsOfReason(item.caseId, reason).map((action) => (
        <button key={action.kind} type="button" onClick={() => onAction(action)}>
          {t(`action.${action.kind}`)}…
        </button>
      ))}
    </li>
  );
}

function StuckRow({ item, onAction }: { item: StuckCase } & Props) {
  const { t } = useTranslation('ops');
  return (
    <tr data-case-id={item.caseId}>
      <td>
        <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link>
        <br />
        <small>{item.merchantId ?? '—'}</small>
      </td>
      <td>{item.status}</td>
      <td>
        <ul className="reasons">
          {item.reasons.map((reason, index) => (
            <ReasonItem key={`${reason.kind}-${index}`} item={item} reason={reason} onAction={onAction} />
          ))}
        </ul>
      </td>
      <td className="case-actions">
        <button type="button" onClick={() => onAction({ kind: 'replay', caseId: item.caseId })}>
          {t('action.replay')}…
        </button>
        <button
          type="button"
          onClick={() => onAction({ kind: 'reset', caseId: item.caseId, to: 'LAST_WORKFLOW_TASK' })}
        >
          {t('action.reset')}…
        </button>
        <a href={item.temporalUiUrl} target="_blank" rel="noreferrer">
          {t('temporalUi')}
        </a>
      </td>
    </tr>
  );
}

/** The stuck cases, longest stuck first, each reason with the actions it offers. */
export function StuckCasesTable({ onAction }: Props) {
  const { t } = useTranslation('ops');
  const stuck = useStuckCases();
  const items = stuck.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="stuck-title" data-testid="stuck-cases">
      <h2 id="stuck-title">
        {t('stuck.title')} <small>({items.length})</small>
      </h2>
      {stuck.data && (
        <p>
          <small>
            {t('stuck.scanned', {
              workflows: stuck.data.scanned.runningWorkflows,
              candidates: stuck.data.scanned.readModelCandidates,
              silentFor: stuck.data.thresholds.silentFor,
            })}{' '}
            <PolicyTime iso={stuck.data.generatedAt} />
          </small>{' '}
          <button type="button" onClick={() => void stuck.refetch()} disabled={stuck.isFetching}>
            {t('stuck.refresh')}
          </button>
        </p>
      )}
      {stuck.isPending && <p>{t('loading')}</p>}
      {stuck.error && (
        <p role="alert" className="error">
          {stuck.error instanceof ApiError ? `${stuck.error.code}: ` : ''}
          {stuck.error.message}
        </p>
      )}
      {stuck.isSuccess && items.length === 0 && <p>{t('stuck.none')}</p>}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('column.case')}</th>
              <th>{t('column.status')}</th>
              <th>{t('column.reasons')}</th>
              <th>{t('column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <StuckRow key={item.caseId} item={item} onAction={onAction} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
