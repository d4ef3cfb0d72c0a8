import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseView } from '../../api/case-view';
import { ApiError } from '../../api/client';
import { PolicyTime } from '../../time/PolicyTime';
import { ClockCountdown } from './ClockCountdown';
import { DecisionForm } from './DecisionForm';
import { DecisionInput, useReviewQueue } from './merchant-cases.queries';
import { clockOf, formatMoney, paidOf, ReviewQueueKind } from './review-case';

interface Props {
  kind: ReviewQueueKind;
  /** Merchants decide; anyone else sees the list only. */
  canDecide: boolean;
  onDecided(view: CaseView, decision: DecisionInput): void;
}

function ItemsCell({ view }: { view: CaseView }) {
  return (
    <ul className="items">
      {view.items.map((item) => (
        <li key={item.lineId ?? item.sku}>
          {item.sku} × {item.quantity} ({formatMoney(item.unitPrice)})
        </li>
      ))}
    </ul>
  );
}

/** One list of the page: the cases in `kind`'s status, closest clock first, each with its decision form. */
export function ReviewQueue({ kind, canDecide, onDecided }: Props) {
  const { t } = useTranslation('merchant');
  const queue = useReviewQueue(kind);
  const headingId = `queue-${kind}`;
  const cases = queue.data ?? [];
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`queue-${kind}`}>
      <h2 id={headingId}>
        {t(`queue.${kind}.title`)} <small>({cases.length})</small>
      </h2>
      <p>
        <small>{t(`queue.${kind}.hint`)}</small>
      </p>
      {queue.isPending && <p>{t('loading')}</p>}
      {queue.error && (
        <p role="alert" className="error">
          {queue.error instanceof ApiError ? `${queue.error.code}: ` : ''}
          {queue.error.message}
        </p>
      )}
      {queue.isSuccess && cases.length === 0 && <p>{t(`queue.${kind}.empty`)}</p>}
      {cases.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('column.case')}</th>
              <th>{t('column.request')}</th>
              <th>{t('column.items')}</th>
              <th>{t('column.paid')}</th>
              <th>{t(`column.clock.${kind}`)}</th>
              {canDecide && <th>{t('column.decision')}</th>}
            </tr>
          </thead>
          <tbody>
            {cases.map((view) => (
              <tr key={view.caseId} data-case-id={view.caseId}>
                <td>
                  <Link to={`/cases/${encodeURIComponent(view.caseId)}`}>{view.caseId}</Link>
                  <br />
                  <small>
                    {t('requestedAt')} <PolicyTime iso={view.createdAt} />
                  </small>
                </td>
                <td>
                  {t(`type.${view.type}`, { defaultValue: view.type })}
                  <br />
                  <small>{t(`reason.${view.reason}`, { defaultValue: view.reason })}</small>
                </td>
                <td>
                  <ItemsCell view={view} />
                </td>
                <td>{formatMoney(paidOf(view))}</td>
                <td>
                  <ClockCountdown deadline={clockOf(view, kind)} />
                </td>
                {canDecide && (
                  <td>
                    <DecisionForm view={view} paid={paidOf(view)} onDecided={onDecided} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
