import { FormEvent, RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The scan field: a barcode scanner types the number and presses Enter. */
export function ScanForm({
  inputRef,
  busy,
  onScan,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  onScan(trackingNumber: string): void;
}) {
  const { t } = useTranslation('warehouse');
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trackingNumber = value.trim();
    if (!trackingNumber || busy) return;
    setValue('');
    onScan(trackingNumber);
  };
  return (
    <form onSubmit={submit} className="scan">
      <label htmlFor="scan">{t('scanLabel')}</label>
      <input
        id="scan"
        data-testid="scan"
        ref={inputRef}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={value}
        disabled={busy}
        onChange={(event) => setValue(event.target.value)}
      />
      <small>{busy ? t('receiving') : t('scanHint')}</small>
    </form>
  );
}
