import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ActionFields } from './ActionFields';
import { ActionOutcome } from './ActionOutcome';
import { ActionForm, OpsAction, REASON_REQUIRED } from './ops-actions';
import { useOpsAction } from './ops.queries';
import { ResetTarget } from './ops.types';

interface Props {
  action: OpsAction;
  onClose(): void;
  /** A replay's outcome offered a reset: the dialog becomes that reset's confirmation. */
  onReplace(action: OpsAction): void;
}

const NAMED_TARGETS: ResetTarget[] = ['LAST_WORKFLOW_TASK', 'FIRST_WORKFLOW_TASK'];

function initialForm(action: OpsAction): ActionForm {
  return {
    reason: '',
    record: false,
    to: action.kind === 'reset' ? action.to : 'LAST_WORKFLOW_TASK',
    outcome: 'DONE',
    externalRef: '',
  };
}

/** The sentence that says what the action will do, before it is confirmed. */
function useEffectText(action: OpsAction, form: ActionForm): string {
  const { t } = useTranslation('ops');
  if (action.kind === 'reset') {
    const to =
      typeof form.to === 'number' ? t('fields.resetToEvent', { eventId: form.to }) : t(`fields.${form.to}`);
    return t('effect.reset', { caseId: action.caseId, to });
  }
  if (action.kind === 'resolveStep') return t(`effect.resolveStep${form.outcome}`, { ...action });
  return t(`effect.${action.kind}`, { ...action });
}

/**
 * The confirmation of an ops action: what it will do in words, the fields it needs (a reason, the reset
 * target, ...), then the API's answer, or its refusal, in place. Nothing is sent before "Confirm".
 */
export function ConfirmActionDialog({ action, onClose, onReplace }: Props) {
  const { t } = useTranslation('ops');
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ActionForm>(() => initialForm(action));
  const run = useOpsAction();
  const effect = useEffectText(action, form);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate({ action, form });
  };
  const resetTargets: ResetTarget[] =
    action.kind === 'reset' && typeof action.to === 'number' ? [action.to, ...NAMED_TARGETS] : NAMED_TARGETS;
  const missingReason = REASON_REQUIRED.has(action.kind) && form.reason.trim() === '';
  const error = run.error;

  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="confirm-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="confirm-title">{t(`action.${action.kind}`)}</h2>
        <p data-testid="what-will-happen">{effect}</p>
        {!run.isSuccess && (
          <ActionFields action={action} form={form} onChange={setForm} resetTargets={resetTargets} />
        )}
        {run.isPending && <p role="status">{t('dialog.sending')}</p>}
        {error && (
          <p role="alert" className="error">
            {error instanceof ApiError ? `${error.code}: ${error.message}` : String(error)}
          </p>
        )}
        {run.isSuccess && (
          <div role="status" data-testid="action-outcome">
            <ActionOutcome
              outcome={run.data}
              onResetTo={(eventId, divergedAtEventId) =>
                onReplace({ kind: 'reset', caseId: action.caseId, to: eventId, divergedAtEventId })
              }
            />
          </div>
        )}
        <div className="dialog-buttons">
          {!run.isSuccess && (
            <button type="submit" disabled={run.isPending || missingReason}>
              {t('dialog.confirm')}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            {run.isSuccess ? t('dialog.close') : t('dialog.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
