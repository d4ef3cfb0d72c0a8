import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

/** For ops: the case workflow's page in the Temporal UI (`GET /v1/ops/cases/{caseId}/links`). */
export function TemporalUiLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation('case');
  const links = useQuery({
    queryKey: ['case', caseId, 'links'],
    staleTime: Infinity,
    queryFn: async () =>
      unwrap(await api.GET('/v1/ops/cases/{caseId}/links', { params: { path: { caseId } } })),
  });
  const url = links.data?.links?.temporalUi;
  if (!url) return null;
  return (
    <p>
      <a href={url} target="_blank" rel="noreferrer" data-testid="temporal-ui-link">
        {t('temporalUi')}
      </a>
    </p>
  );
}
