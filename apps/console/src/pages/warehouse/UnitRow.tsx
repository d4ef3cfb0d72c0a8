import { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADE_KEYS, Grade, gradeOfKey, Unit } from './units';

/** One unit: its grade by key (A/B/C/D/M, then on to the next unit), notes and a photo link. */
export function UnitRow({
  unit,
  index,
  total,
  gradeRef,
  onChange,
  onAdvance,
}: {
  unit: Unit;
  index: number;
  total: number;
  gradeRef(element: HTMLDivElement | null): void;
  onChange(patch: Partial<Unit>): void;
  onAdvance(): void;
}) {
  const { t } = useTranslation('warehouse');
  const n = index + 1;
  const onGradeKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const grade = gradeOfKey(event.key);
    if (!grade) return;
    event.preventDefault();
    onChange({ grade });
    onAdvance();
  };
  const onFieldKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onAdvance();
    }
  };
  return (
    <fieldset className="unit" data-testid={`unit-${index}`} data-grade={unit.grade ?? ''}>
      <legend>
        {t('unit', { n, total })} · {t('sku')} <code>{unit.sku}</code>
        {unit.lineId && (
          <>
            {' '}
            · {t('line')} <code>{unit.lineId}</code>
          </>
        )}
      </legend>
      <GradeGroup
        unit={unit}
        n={n}
        gradeRef={gradeRef}
        onKeyDown={onGradeKey}
        onGrade={(grade) => onChange({ grade })}
      />
      <label>
        {t('notes')}{' '}
        <input
          data-testid={`notes-${index}`}
          value={unit.notes}
          maxLength={2000}
          onChange={(event) => onChange({ notes: event.target.value })}
          onKeyDown={onFieldKey}
        />
      </label>
      <label>
        {t('photo')}{' '}
        <input
          data-testid={`photo-${index}`}
          type="url"
          value={unit.photo}
          placeholder="https://"
          onChange={(event) => onChange({ photo: event.target.value })}
          onKeyDown={onFieldKey}
        />
      </label>
    </fieldset>
  );
}

/** The grade buttons of a unit: one focus stop; a key (A/B/C/D/M) or a click picks the grade. */
function GradeGroup({
  unit,
  n,
  gradeRef,
  onKeyDown,
  onGrade,
}: {
  unit: Unit;
  n: number;
  gradeRef(element: HTMLDivElement | null): void;
  onKeyDown(event: KeyboardEvent): void;
  onGrade(grade: Grade): void;
}) {
  const { t } = useTranslation('warehouse');
  return (
    <div
      role="radiogroup"
      aria-label={t('gradeOf', { n })}
      tabIndex={0}
      ref={gradeRef}
      onKeyDown={onKeyDown}
      className="grades"
      data-testid={`grade-${n - 1}`}
    >
      {GRADE_KEYS.map(({ grade }) => (
        <button
          key={grade}
          type="button"
          role="radio"
          aria-checked={unit.grade === grade}
          tabIndex={-1}
          className={unit.grade === grade ? 'grade chosen' : 'grade'}
          onClick={() => onGrade(grade)}
        >
          {t(`grades.${grade}`)}
        </button>
      ))}
      {!unit.grade && <span className="muted">{t('ungraded')}</span>}
    </div>
  );
}
