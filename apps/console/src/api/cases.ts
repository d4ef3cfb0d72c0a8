import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { CaseEventView, CaseView } from './case-view';

/** `GET /v1/cases/{caseId}` as the signed-in caller. */
export async function fetchCase(caseId: string): Promise<CaseView> {
  return unwrap(await api.GET('/v1/cases/{caseId}', { params: { path: { caseId } } }));
}

/** `GET /v1/cases/{caseId}/events`: the case's domain event log, oldest first. */
export async function fetchCaseEvents(caseId: string): Promise<CaseEventView[]> {
  const body = unwrap(await api.GET('/v1/cases/{caseId}/events', { params: { path: { caseId } } }));
  return body.items;
}

/** The case view, renewed every `refetchMs` while the page shows it (0: never). */
export function useCase(caseId: string, refetchMs = 0) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => fetchCase(caseId),
    refetchInterval: refetchMs > 0 ? refetchMs : false,
  });
}

/** The case's event log, renewed with the view. */
export function useCaseEvents(caseId: string, refetchMs = 0) {
  return useQuery({
    queryKey: ['case', caseId, 'events'],
    queryFn: () => fetchCaseEvents(caseId),
    refetchInterval: refetchMs > 0 ? refetchMs : false,
  });
}
