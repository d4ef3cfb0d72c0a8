import { DataSource } from 'typeorm';
import { CaseViewRebuildResult, rebuildCaseViews } from './case-view.rebuild';
import { CaseViewProjection } from './case-view.table';
import { Projector } from './projector';

/** What `POST /v1/ops/projections/rebuild` reports. */
export interface ReadModelsRebuildResult {
  caseViews: CaseViewRebuildResult;
  /** Each async projection replayed from the start, with the events it handled. */
  projections: Array<{ name: string; events: number }>;
}

/**
 * Rebuilds every read model from the log while the service runs: the case views beside the live
 * table, then swapped in under a short lock (see rebuildCaseViews), and each async projector reset
 * and replayed in one transaction of its own tables, so appends never wait for it and readers see
 * the old figures until the new ones commit.
 */
export async function rebuildReadModels<TView>(
  dataSource: DataSource,
  caseViewProjection: CaseViewProjection<TView>,
  projectors: readonly Projector[],
): Promise<ReadModelsRebuildResult> {
  const caseViews = await rebuildCaseViews(dataSource, caseViewProjection);
  const projections: ReadModelsRebuildResult['projections'] = [];
  for (const projector of projectors) {
    projections.push({ name: projector.projection.name, events: await projector.rebuild() });
  }
  return { caseViews, projections };
}
