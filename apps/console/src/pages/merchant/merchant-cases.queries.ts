import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseView, Money } from '../../api/case-view';
import { api, unwrap } from '../../api/client';
import { freshDecisionId } from './decision-id';
import { CLOCK_OF_QUEUE, ReviewQueueKind } from './review-case';

/** The most cases one list shows (the API's page limit). */
const PAGE_SIZE = 100;
/** The lists are read again this often, so a case another agent answered leaves them. */
const REFRESH_MS = 15_000;

const queueKey = (kind: ReviewQueueKind) => ['merchant-review', kind] as const;

/** The shop's cases in `kind`'s status, the closest clock first (`GET /v1/cases?sort=<clock>&order=asc`). */
export function useReviewQueue(kind: ReviewQueueKind) {
  return useQuery({
    queryKey: queueKey(kind),
    refetchInterval: REFRESH_MS,
    queryFn: async (): Promise<CaseView[]> => {
      const answer = await api.GET('/v1/cases', {
        params: {
          query: { status: kind, sort: CLOCK_OF_QUEUE[kind], order: 'asc', limit: PAGE_SIZE },
        },
      });
      return unwrap(answer).items;
    },
  });
}

/** A merchant decision as the form makes it; the decision id is fresh per submission. */
export interface DecisionInput {
  caseId: string;
  decision: 'APPROVE' | 'REJECT';
  note?: string;
  refundAmount?: Money;
}

/**
 * `POST /v1/cases/{id}/decision` with a fresh `decisionId`. Once accepted, `onDecided` is told (here,
 * not in `mutate`'s own callbacks: the answered case leaves its list, and the form with it, before
 * those would run), then the lists are read again.
 */
export function useDecision(onDecided: (view: CaseView, decision: DecisionInput) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ caseId, ...decision }: DecisionInput): Promise<CaseView> => {
      const answer = await api.POST('/v1/cases/{caseId}/decision', {
        params: { path: { caseId } },
        body: { decisionId: freshDecisionId(), ...decision },
      });
      return unwrap(answer);
    },
    onSuccess: async (view, decision) => {
      onDecided(view, decision);
      await Promise.all(
        (Object.keys(CLOCK_OF_QUEUE) as ReviewQueueKind[]).map((kind) =>
          client.invalidateQueries({ queryKey: queueKey(kind) }),
        ),
      );
    },
  });
}
