import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, Money } from '../../api/case-view';
import { decisionErrorsOf } from './decision-errors';
import { DecisionInput, useDecision } from './merchant-cases.queries';
import { formatMoney, parseMajorUnits } from './review-case';

interface Props {
  view: CaseView;
  paid: Money | null;
  /** Told the case view the API answered once a decision is accepted. */
  onDecided(view: CaseView, decision: DecisionInput): void;
}

/**
 * Approve (full refund), reject, or approve a partial refund, with a note. The amount is checked
 * for form only (a positive amount with two decimals at most); whether it is within what is left to
 * refund is the domain's rule, and its refusal (AMOUNT_EXCEEDS_PAID, ...) is shown under the field.
 */
export function DecisionForm({ view, paid, onDecided }: Props) {
  const { t } = useTranslation('merchant');
  const decide = useDecision(onDecided);
  const [note, setNote] = useState('');
  const [amountText, setAmountText] = useState('');
  const [amountFormError, setAmountFormError] = useState(false);
  const amountId = useId();
  const errors = decisionErrorsOf(decide.error);

  const send = (decision: DecisionInput['decision'], refundAmount?: Money) => {
    setAmountFormError(false);
    const input: DecisionInput = { caseId: view.caseId, decision, refundAmount };
    if (note.trim()) input.note = note.trim();
    decide.mutate(input);
  };
  const partial = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseMajorUnits(amountText);
    setAmountFormError(amount === null);
    if (amount === null || !paid) return;
    send('APPROVE', { amount, currency: paid.currency });
  };
  const amountInvalid = amountFormError || Boolean(errors?.aboutAmount);
  const refusal = errors && (
    <p role="alert" className="error" data-testid={errors.aboutAmount ? 'amount-error' : 'decision-error'}>
      {t(`errors.${errors.code}`, { defaultValue: errors.code })} <q>{errors.message}</q>
      {errors.details.length > 0 && <small> ({errors.details.join('; ')})</small>}
    </p>
  );

  return (
    <form className="decision" aria-label={t('decision.formFor', { caseId: view.caseId })} onSubmit={partial}>
      <label>
        {t('decision.note')}{' '}
        <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </label>
      <div className="decision-buttons">
        <button type="button" disabled={decide.isPending} onClick={() => send('APPROVE')}>
          {t('decision.approveFull', { paid: formatMoney(paid) })}
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => send('REJECT')}>
          {t('decision.reject')}
        </button>
      </div>
      <div className="partial-refund">
        <label htmlFor={amountId}>{t('decision.partialAmount', { currency: paid?.currency ?? '' })}</label>{' '}
        <input
          id={amountId}
          inputMode="decimal"
          value={amountText}
          aria-invalid={amountInvalid}
          aria-describedby={`${amountId}-errors`}
          onChange={(event) => setAmountText(event.target.value)}
        />{' '}
        <button type="submit" disabled={decide.isPending || !paid}>
          {t('decision.approvePartial')}
        </button>
        <div id={`${amountId}-errors`}>
          {amountFormError && (
            <p role="alert" className="error" data-testid="amount-error">
              {t('decision.amountFormat')}
            </p>
          )}
          {!amountFormError && errors?.aboutAmount && refusal}
        </div>
      </div>
      {decide.isPending && <p role="status">{t('decision.sending')}</p>}
      {errors && !errors.aboutAmount && refusal}
    </form>
  );
}
