import { useTranslation } from 'react-i18next';
import { OpsAction } from './ops-actions';
import { ActivityActionAnswer, ReplayAnswer, ResetAnswer } from './ops.types';

interface Props {
  action: OpsAction;
  answer: unknown;
  /** A replay that found a divergence offers a reset to the event it suggests. */
  onResetTo(eventId: number, divergedAtEventId?: number): void;
}

function ReplayOutcome({ answer, onResetTo }: { answer: ReplayAnswer; onResetTo: Props['onResetTo'] }) {
  const { t } = useTranslation('ops');
  if (answer.deterministic)
    return <p className="ok">{t('outcome.replayDeterministic', { events: answer.historyLength })}</p>;
  return (
    <div>
      <p className="error">
        {t('outcome.replayDiverges', { kind: answer.kind, eventId: answer.divergedAtEventId ?? '?' })}
      </p>
      <pre className="divergence">{answer.divergence}</pre>
      {answer.suggestedResetEventId !== undefined && (
        <button
          type="button"
          onClick={() => onResetTo(answer.suggestedResetEventId as number, answer.divergedAtEventId)}
        >
          {t('outcome.resetToSuggested', { eventId: answer.suggestedResetEventId })}
        </button>
      )}
    </div>
  );
}

/** What the API answered to a confirmed action, in words (and for a diverging replay, the reset it suggests). */
export function ActionOutcome({ action, answer, onResetTo }: Props) {
  const { t } = useTranslation('ops');
  let text: string;
  switch (action.kind) {
    case 'replay':
      return <ReplayOutcome answer={answer as ReplayAnswer} onResetTo={onResetTo} />;
    case 'reset': {
      const reset = answer as ResetAnswer;
      text = t('outcome.reset', {
        runId: reset.runId,
        eventId: reset.resetTo.eventId,
        status: reset.case?.status ?? '?',
        recorded: reset.recorded ? t('outcome.yes') : t('outcome.no'),
      });
      break;
    }
    case 'retryActivity':
    case 'pauseActivity':
    case 'unpauseActivity': {
      const activity = (answer as ActivityActionAnswer).activity;
      text = activity
        ? t('outcome.activity', {
            attempt: activity.attempt,
            paused: activity.paused ? t('outcome.yes') : t('outcome.no'),
          })
        : t('outcome.activityDone');
      break;
    }
    case 'retryRefund':
    case 'retryStep':
    case 'resolveStep':
      text = t('outcome.caseNow', { status: (answer as { status?: string }).status ?? '?' });
      break;
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
  return <p className="ok">{text}</p>;
}
