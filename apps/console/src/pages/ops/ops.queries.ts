import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ActionForm, OpsAction, runOpsAction } from './ops-actions';
import { StuckCasesAnswer } from './ops.types';

/** The stuck list is read again this often (Temporal is asked about the running workflows each time). */
const STUCK_REFRESH_MS = 10_000;

const STUCK_KEY = ['ops', 'stuck-cases'] as const;

/** `GET /v1/ops/stuck-cases` with the API's default thresholds, read again every few seconds. */
export function useStuckCases() {
  return useQuery({
    queryKey: STUCK_KEY,
    refetchInterval: STUCK_REFRESH_MS,
    queryFn: async (): Promise<StuckCasesAnswer> => unwrap(await api.GET('/v1/ops/stuck-cases', {})),
  });
}

/** Runs a confirmed ops action; the stuck list is read again after it, whatever the outcome. */
export function useOpsAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, form }: { action: OpsAction; form: ActionForm }) => runOpsAction(action, form),
    onSettled: () => client.invalidateQueries({ queryKey: STUCK_KEY }),
  });
}
