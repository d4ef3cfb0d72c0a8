import { useTranslation } from 'react-i18next';

/** The warehouse station: scan, receive, grade, inspect, next parcel. */
export default function WarehouseStationPage() {
  const { t } = useTranslation('warehouse');
  return <h1>{t('title')}</h1>;
}
