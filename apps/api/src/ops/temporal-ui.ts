import { DEFAULT_TEMPORAL_UI_URL, RuntimeConfig } from '../../../../libs/config/src';

/**
 * The Temporal Web UI page of a workflow (its history, pending activities, stack trace), e.g.
 * `http://localhost:8233/namespaces/default/workflows/case-<id>`; with a run id, that run's page.
 */
export function temporalUiWorkflowUrl(config: RuntimeConfig, workflowId: string, runId?: string): string {
  const base = (config.temporalUiUrl ?? DEFAULT_TEMPORAL_UI_URL).replace(/\/+$/, '');
  const page = `${base}/namespaces/${encodeURIComponent(config.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${page}/${encodeURIComponent(runId)}/history` : page;
}
