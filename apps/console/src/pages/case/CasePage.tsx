import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useCase, useCaseEvents } from '../../api/cases';
import { CaseMoney } from './CaseMoney';
import { CaseSummary } from './CaseSummary';
import { DeadlinesTable } from './DeadlinesTable';
import { EventTimeline } from './EventTimeline';
import { ItemsTable } from './ItemsTable';

/** The case page: status, deadlines, items, refunds, supplier return and the event log, as the caller may see. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('case');
  const view = useCase(caseId, 5000);
  const events = useCaseEvents(caseId, 5000);
  if (view.error) {
    const error = view.error;
    const status = error instanceof ApiError ? error.status : 0;
    const code = error instanceof ApiError ? error.code : 'ERROR';
    return (
      <section>
        <h1>{t('title', { caseId })}</h1>
        <p role="alert" className="error" data-testid="case-refused">
          {t('refused', { code, status, message: error.message })}
        </p>
      </section>
    );
  }
  if (!view.data) return <p>{t('common:loading')}</p>;
  return (
    <div className="case-page" data-testid="case-page">
      <h1>{t('title', { caseId })}</h1>
      <CaseSummary view={view.data} />
      <DeadlinesTable deadlines={view.data.deadlines} />
      <ItemsTable view={view.data} />
      <CaseMoney view={view.data} />
      <EventTimeline events={events.data ?? []} />
    </div>
  );
}
