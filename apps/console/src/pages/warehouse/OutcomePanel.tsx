import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CaseView, formatMoney, paidTotal } from '../../api/case-view';
import { useCase } from '../../api/cases';

/** What the inspection set going: the refund after any wear deduction, and the supplier return. */
export function OutcomePanel({ inspected, onNext }: { inspected: CaseView; onNext(): void }) {
  const { t } = useTranslation('warehouse');
  const nextRef = useRef<HTMLButtonElement>(null);
  const settled = (view: CaseView) =>
    (view.resolution?.refunds ?? []).every((refund) => refund.status !== 'PENDING') &&
    !['REFUNDING', 'AWAITING_INSPECTION'].includes(view.status);
  // The refund is paid by the refund system a moment later: the panel follows the case until it settles.
  const live = useCase(inspected.caseId, settled(inspected) ? 0 : 1000);
  const view = live.data && live.data.version >= inspected.version ? live.data : inspected;
  useEffect(() => nextRef.current?.focus(), []);

  const paid = paidTotal(view);
  const entitled = view.resolution?.entitled ?? null;
  const deduction =
    paid && entitled && paid.currency === entitled.currency && paid.amount >= entitled.amount
      ? { amount: paid.amount - entitled.amount, currency: paid.currency }
      : null;
  const refunds = view.resolution?.refunds ?? [];
  const supplierReturns = view.supplierReturns;
  return (
    <section className="card outcome" data-testid="outcome">
      <h2>
        {t('outcomeTitle', { caseId: view.caseId })}{' '}
        <Link to={`/cases/${view.caseId}`} tabIndex={-1}>
          {t('caseLink')}
        </Link>
      </h2>
      <dl>
        <dt>{t('status')}</dt>
        <dd data-testid="outcome-status">{view.status}</dd>
        <dt>{t('paid')}</dt>
        <dd>{formatMoney(paid)}</dd>
        <dt>{t('entitled')}</dt>
        <dd data-testid="outcome-entitled">{formatMoney(entitled)}</dd>
        <dt>{t('deduction')}</dt>
        <dd data-testid="outcome-deduction">{formatMoney(deduction)}</dd>
        <dt>{t('refunds')}</dt>
        <dd data-testid="outcome-refunds">
          {refunds.length === 0
            ? t('noRefund')
            : refunds.map((refund) => (
                <div key={refund.refundId}>
                  {t('refund', { amount: formatMoney(refund.amount), status: refund.status })}
                </div>
              ))}
        </dd>
        <dt>{t('supplierReturn')}</dt>
        <dd data-testid="outcome-supplier-return">
          {supplierReturns.length === 0
            ? t('noSupplierReturn')
            : supplierReturns.map((entry) => (
                <div key={`${entry.supplierId}-${entry.batchId ?? ''}`}>
                  {t('supplierReturnOf', { supplierId: entry.supplierId, status: entry.status })}
                </div>
              ))}
        </dd>
      </dl>
      <button ref={nextRef} type="button" data-testid="next-parcel" onClick={onNext}>
        {t('next')}
      </button>
    </section>
  );
}
