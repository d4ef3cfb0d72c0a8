import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

/** How long a closed case's history stays in the cluster (the event log in PostgreSQL keeps it for good). */
const RETENTION = '7 days';

const ALREADY_EXISTS = 6;

/**
 * Registers `namespace` unless it exists, and the search attributes the workflows set (the same list
 * the dev server is started with) unless they exist: a Temporal server, unlike the dev server, starts
 * with neither.
 */
export async function registerNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(RETENTION),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
  }
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTES.filter((key) => !(customAttributes ?? {})[key.name]);
  if (missing.length === 0) return;
  const types = temporal.api.enums.v1.IndexedValueType;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, types[`INDEXED_VALUE_TYPE_${key.type}`]]),
    ),
  });
}
