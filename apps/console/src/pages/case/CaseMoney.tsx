import { useTranslation } from 'react-i18next';
import { CaseView, formatMoney } from '../../api/case-view';

/** The settlement, each refund with its status, and the supplier returns of the case. */
export function CaseMoney({ view }: { view: CaseView }) {
  const { t } = useTranslation('case');
  const resolution = view.resolution;
  const supplierReturns = view.supplierReturns;
  return (
    <section className="card" aria-labelledby="money">
      <h2 id="money">{t('money')}</h2>
      {!resolution ? (
        <p>{t('noResolution')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('kind')}</dt>
            <dd>{resolution.kind}</dd>
            <dt>{t('entitled')}</dt>
            <dd data-testid="entitled">{formatMoney(resolution.entitled)}</dd>
            <dt>{t('refundedTotal')}</dt>
            <dd data-testid="refunded-total">{formatMoney(resolution.refundedTotal)}</dd>
            {resolution.recoveryDue && (
              <>
                <dt>{t('recoveryDue')}</dt>
                <dd className="error">{formatMoney(resolution.recoveryDue)}</dd>
              </>
            )}
          </dl>
          <table data-testid="refunds">
            <thead>
              <tr>
                <th>{t('refundId')}</th>
                <th>{t('amount')}</th>
                <th>{t('purpose')}</th>
                <th>{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {resolution.refunds.map((refund) => (
                <tr key={refund.refundId}>
                  <td>
                    <code>{refund.refundId}</code>
                  </td>
                  <td>{formatMoney(refund.amount)}</td>
                  <td>{refund.purpose}</td>
                  <td className={refund.status === 'FAILED' ? 'error' : ''}>{refund.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('supplierReturn')}</h3>
      {supplierReturns.length === 0 ? (
        <p>{t('noSupplierReturn')}</p>
      ) : (
        <ul data-testid="supplier-returns">
          {supplierReturns.map((entry) => (
            <li key={`${entry.supplierId}-${entry.batchId ?? ''}`}>
              {t('supplier')} {entry.supplierId} · {t('batch')} {entry.batchId ?? '—'} · {entry.status}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
