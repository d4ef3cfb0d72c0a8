import { useTranslation } from 'react-i18next';
import { ActionForm, OpsAction, REASON_REQUIRED } from './ops-actions';
import { ResetTarget } from './ops.types';

interface Props {
  action: OpsAction;
  form: ActionForm;
  onChange(form: ActionForm): void;
  /** The reset targets offered: the event a replay suggested (if any) first. */
  resetTargets: ResetTarget[];
}

function targetValue(target: ResetTarget): string {
  return String(target);
}

function parseTarget(value: string): ResetTarget {
  return value === 'LAST_WORKFLOW_TASK' || value === 'FIRST_WORKFLOW_TASK' ? value : Number(value);
}

/** The fields a confirmation asks for: a reason, and the reset target, replay record or step outcome. */
export function ActionFields({ action, form, onChange, resetTargets }: Props) {
  const { t } = useTranslation('ops');
  const required = REASON_REQUIRED.has(action.kind);
  const set = (patch: Partial<ActionForm>) => onChange({ ...form, ...patch });
  return (
    <div className="action-fields">
      {action.kind === 'reset' && (
        <label>
          {t('fields.resetTo')}{' '}
          <select
            value={targetValue(form.to)}
            onChange={(event) => set({ to: parseTarget(event.target.value) })}
          >
            {resetTargets.map((target) => (
              <option key={targetValue(target)} value={targetValue(target)}>
                {typeof target === 'number'
                  ? t('fields.resetToEvent', { eventId: target })
                  : t(`fields.${target}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {action.kind === 'replay' && (
        <label>
          <input
            type="checkbox"
            checked={form.record}
            onChange={(event) => set({ record: event.target.checked })}
          />{' '}
          {t('fields.record')}
        </label>
      )}
      {action.kind === 'resolveStep' && (
        <fieldset>
          <legend>{t('fields.outcome')}</legend>
          {(['DONE', 'SKIPPED'] as const).map((outcome) => (
            <label key={outcome}>
              <input
                type="radio"
                name="outcome"
                checked={form.outcome === outcome}
                onChange={() => set({ outcome })}
              />{' '}
              {t(`fields.outcome${outcome}`)}
            </label>
          ))}
          {form.outcome === 'DONE' && (
            <label>
              {t('fields.externalRef')}{' '}
              <input
                value={form.externalRef}
                onChange={(event) => set({ externalRef: event.target.value })}
              />
            </label>
          )}
        </fieldset>
      )}
      <label>
        {required ? t('fields.reasonRequired') : t('fields.reasonOptional')}{' '}
        <input
          name="reason"
          value={form.reason}
          maxLength={500}
          required={required}
          onChange={(event) => set({ reason: event.target.value })}
        />
      </label>
    </div>
  );
}
