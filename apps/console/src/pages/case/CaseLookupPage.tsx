import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Opens a case page by its id (the landing page of customers, carriers and suppliers). */
export default function CaseLookupPage() {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const [caseId, setCaseId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (caseId.trim()) navigate(`/cases/${encodeURIComponent(caseId.trim())}`);
  };
  return (
    <form onSubmit={submit} className="lookup">
      <h1>{t('nav.case')}</h1>
      <label>
        {t('caseIdLabel')} <input value={caseId} onChange={(event) => setCaseId(event.target.value)} />
      </label>
      <button type="submit">{t('open')}</button>
    </form>
  );
}
