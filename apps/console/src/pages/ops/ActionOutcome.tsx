import { useTranslation } from 'react-i18next';
import { OpsOutcome } from './ops-actions';
import { ReplayAnswer } from './ops.types';

interface Props {
  outcome: OpsOutcome;
  /** A replay that found a divergence offers a reset to the event it suggests. */
  onResetTo(eventId: number, divergedAtEventId?: number): void;
}

function ReplayOutcome({ answer, onResetTo }: { answer: ReplayAnswer; onResetTo: Props['onResetTo'] }) {
  const { t } = useTranslation('ops');
  if (answer.deterministic)
    return <p className="ok">{t('outcome.replayDeterministic', { events: answer.historyLength })}</p>;
  const suggested = answer.suggestedResetEventId;
  return (
    <div>
      <p className="error">
        {t('outcome.replayDiverges', { kind: answer.kind, eventId: answer.divergedAtEventId ?? '?' })}
      </p>
      <pre className="divergence">{answer.divergence}</pre>
      {suggested !== undefined && (
        <button type="button" onClick={() => onResetTo(suggested, answer.divergedAtEventId)}>
          {t('outcome.resetToSuggested', { eventId: suggested })}
        </button>
      )}
    </div>
  );
}

/** What the API answered to a confirmed action, in words (and for a diverging replay, the reset it suggests). */
export function ActionOutcome({ outcome, onResetTo }: Props) {
  const { t } = useTranslation('ops');
  let text: string;
  switch (outcome.kind) {
    case 'replay':
      return <ReplayOutcome answer={outcome.answer} onResetTo={onResetTo} />;
    case 'reset': {
      const reset = outcome.answer;
      text = t('outcome.reset', {
        runId: reset.runId,
        eventId: reset.resetTo.eventId,
        status: reset.case?.status ?? '?',
        recorded: reset.recorded ? t('outcome.yes') : t('outcome.no'),
      });
      break;
    }
    case 'activity': {
      const activity = outcome.answer.activity;
      text = activity
        ? t('outcome.activity', {
            attempt: activity.attempt,
            paused: activity.paused ? t('outcome.yes') : t('outcome.no'),
          })
        : t('outcome.activityDone');
      break;
    }
    case 'case':
      text = t('outcome.caseNow', { status: outcome.answer.status });
      break;
    default: {
      const unknownOutcome: never = outcome;
      return unknownOutcome;
    }
  }
  return <p className="ok">{text}</p>;
}
