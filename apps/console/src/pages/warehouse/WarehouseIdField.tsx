import { useTranslation } from 'react-i18next';

/** The station's warehouse id (sent with every receipt and inspection), remembered in this browser. */
export function WarehouseIdField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation('warehouse');
  return (
    <label className="warehouse-id">
      {t('warehouseId')}{' '}
      <input
        data-testid="warehouse-id"
        value={value}
        tabIndex={-1}
        size={10}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
