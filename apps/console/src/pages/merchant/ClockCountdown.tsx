import { useTranslation } from 'react-i18next';
import { PolicyTime } from '../../time/PolicyTime';
import { countdown } from '../../time/policy-time';
import { useNow } from '../../time/use-now';
import { URGENT_BELOW_MS } from './review-case';

/**
 * The time left until `deadline`, ticking every second: red (`urgent`) under four hours, and
 * "overdue" once past (the workflow's timer acts on its own then). The deadline itself is shown in
 * the policy's time zone beside it.
 */
export function ClockCountdown({ deadline }: { deadline: string | null }) {
  const { t } = useTranslation('merchant');
  const now = useNow(1000);
  if (!deadline) return <span>{t('clock.notRunning')}</span>;
  const left = countdown(deadline, now);
  const urgent = left.ms < URGENT_BELOW_MS;
  return (
    <span className="clock">
      <span
        className={urgent ? 'urgent countdown' : 'countdown'}
        data-testid="countdown"
        data-urgent={urgent}
        aria-label={t('clock.left', { left: left.text })}
      >
        {left.ms < 0 ? t('clock.overdue', { left: left.text }) : left.text}
      </span>{' '}
      <small>
        {t('clock.until')} <PolicyTime iso={deadline} />
      </small>
    </span>
  );
}
