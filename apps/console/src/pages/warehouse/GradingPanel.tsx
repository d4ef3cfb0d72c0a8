import { KeyboardEvent, RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CaseView } from '../../api/case-view';
import { Unit } from './units';
import { UnitRow } from './UnitRow';

/** The matched case's units to grade; Ctrl+Enter submits, Esc goes back to the scan field. */
export function GradingPanel({
  view,
  units,
  busy,
  error,
  onUnits,
  onSubmit,
  onCancel,
}: {
  view: CaseView;
  units: Unit[];
  busy: boolean;
  error: string | null;
  onUnits(units: Unit[]): void;
  onSubmit(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('warehouse');
  const gradeRefs = useRef<Array<HTMLDivElement | null>>([]);
  const submitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => gradeRefs.current[0]?.focus(), [view.caseId]);
  const missing = units.filter((unit) => !unit.grade).length;

  const advance = (index: number) => {
    const next = gradeRefs.current[index + 1];
    if (next) next.focus();
    else submitRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
  return (
    <section className="card grading" onKeyDown={onKeyDown} data-testid="grading">
      <h2>
        {t('gradeTitle', { caseId: view.caseId })}{' '}
        <Link to={`/cases/${view.caseId}`} tabIndex={-1} target="_blank">
          {t('caseLink')}
        </Link>
      </h2>
      {units.map((unit, index) => (
        <UnitRow
          key={unit.id}
          unit={unit}
          index={index}
          total={units.length}
          gradeRef={(element) => {
            gradeRefs.current[index] = element;
          }}
          onChange={(patch) =>
            onUnits(units.map((other) => (other.id === unit.id ? { ...other, ...patch } : other)))
          }
          onAdvance={() => advance(index)}
        />
      ))}
      {error && (
        <p role="alert" className="error" data-testid="inspection-error">
          {error}
        </p>
      )}
      <GradingActions
        submitRef={submitRef}
        busy={busy}
        missing={missing}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </section>
  );
}

function GradingActions({
  submitRef,
  busy,
  missing,
  onSubmit,
  onCancel,
}: {
  submitRef: RefObject<HTMLButtonElement | null>;
  busy: boolean;
  missing: number;
  onSubmit(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('warehouse');
  return (
    <div className="actions">
      <button
        ref={submitRef}
        type="button"
        data-testid="submit-inspection"
        disabled={busy}
        onClick={onSubmit}
      >
        {busy ? t('submitting') : t('submit')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
      {missing > 0 && <small>{t('missingGrades', { count: missing })}</small>}
    </div>
  );
}
