import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/case-view';
import { useAuth } from '../../auth/AuthContext';
import { DecisionInput } from './merchant-cases.queries';
import { formatMoney } from './review-case';
import { ReviewQueue } from './ReviewQueue';
import './merchant.css';

interface Decided {
  caseId: string;
  decision: DecisionInput;
  status: string;
}

/**
 * Merchant review: the shop's requests waiting for an answer (PENDING_MERCHANT_REVIEW) and its
 * escalations waiting for one (ESCALATED), each sorted by the time left on its clock; approve, reject
 * or approve a partial refund in place.
 */
export default function MerchantReviewPage() {
  const { t } = useTranslation('merchant');
  const { identity } = useAuth();
  const [decided, setDecided] = useState<Decided | null>(null);
  const canDecide = identity?.role === 'merchant';
  const onDecided = (view: CaseView, decision: DecisionInput) =>
    setDecided({ caseId: view.caseId, decision, status: view.status });

  return (
    <div className="merchant-review">
      <h1>{t('title')}</h1>
      <p>
        {identity?.merchantId ? t('shop', { merchantId: identity.merchantId }) : t('allShops')}{' '}
        {!canDecide && <strong>{t('readOnly')}</strong>}
      </p>
      <p role="status" className="ok" data-testid="last-decision">
        {decided &&
          (decided.decision.decision === 'REJECT'
            ? t('decidedReject', { caseId: decided.caseId, status: decided.status })
            : t('decidedApprove', {
                caseId: decided.caseId,
                amount: decided.decision.refundAmount
                  ? formatMoney(decided.decision.refundAmount)
                  : t('decision.full'),
                status: decided.status,
              }))}
      </p>
      <ReviewQueue kind="PENDING_MERCHANT_REVIEW" canDecide={canDecide} onDecided={onDecided} />
      <ReviewQueue kind="ESCALATED" canDecide={canDecide} onDecided={onDecided} />
    </div>
  );
}
