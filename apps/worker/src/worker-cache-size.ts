import { getHeapStatistics } from 'node:v8';
import { ConfigError } from '../../../libs/config/src';

/**
 * What one cached case workflow costs the worker, MiB of resident memory (V8 heap of the workflow
 * thread and its share of the rest), as `npm run bench -- --memory` measures it: RSS growth ÷ cached
 * workflows with cases waiting on the merchant's 48-hour clock (docs/benchmarks.md, "Memory at scale").
 * Since zod and the domain are shared across workflows (libs/definitions/src/workflow-bundle.ts) a cached case
 * holds 0.10 MiB of live heap and 0.35–0.40 MiB of RSS at 1,000–10,000 waiting cases (it was 1.2 MiB
 * of heap and 2 MiB of RSS when every workflow evaluated its own copy). Rounded up generously: RSS
 * per workflow grows with the heap's fragmentation, and a budget must not be overrun by it.
 */
export const CACHED_CASE_WORKFLOW_MIB = 1;

/** The cache budget when neither WORKER_MAX_CACHED_WORKFLOWS nor WORKER_CACHE_BUDGET_MIB is set. */
export const DEFAULT_CACHE_BUDGET_MIB = 1024;

/** What the process keeps out of the budget (its own code, the SDK, connections, the activities). */
const HEAP_RESERVED_MIB = 256;

/** The SDK refuses 1 (a worker needs two slots); 0 would replay every history on every task. */
const MIN_CACHED_WORKFLOWS = 2;

/** How `maxCachedWorkflows` was chosen, for the start-up line and the tests. */
export interface WorkflowCacheSize {
  maxCachedWorkflows: number;
  /** The memory the cache may fill, MiB (what the budget says, or count × the cost per workflow). */
  budgetMiB: number;
  source: 'WORKER_MAX_CACHED_WORKFLOWS' | 'WORKER_CACHE_BUDGET_MIB' | 'default budget';
}

/** The largest V8 heap of this process (the workflow threads get the same limit), MiB. */
export function heapLimitMiB(): number {
  return getHeapStatistics().heap_size_limit / 2 ** 20;
}

/**
 * The worker's workflow cache size: WORKER_MAX_CACHED_WORKFLOWS as given, else WORKER_CACHE_BUDGET_MIB
 * ÷ {@link CACHED_CASE_WORKFLOW_MIB}, else {@link DEFAULT_CACHE_BUDGET_MIB} (lowered to what the heap
 * holds). A bad value, both variables set, or a budget the heap cannot hold stops the process with a
 * message naming the variable.
 */
export function workflowCacheSize(
  env: NodeJS.ProcessEnv,
  heapMiB: number = heapLimitMiB(),
): WorkflowCacheSize {
  const count = env.WORKER_MAX_CACHED_WORKFLOWS?.trim();
  const budget = env.WORKER_CACHE_BUDGET_MIB?.trim();
  const room = Math.max(0, Math.floor(heapMiB - HEAP_RESERVED_MIB));
  if (count && budget) {
    throw new ConfigError(
      'Invalid configuration: WORKER_MAX_CACHED_WORKFLOWS and WORKER_CACHE_BUDGET_MIB are both set; set one ' +
        '(a count of workflows, or a budget in MiB the count is derived from)',
    );
  }
  if (count) {
    const value = wholeNumber('WORKER_MAX_CACHED_WORKFLOWS', count, MIN_CACHED_WORKFLOWS);
    return {
      maxCachedWorkflows: value,
      budgetMiB: Math.ceil(value * CACHED_CASE_WORKFLOW_MIB),
      source: 'WORKER_MAX_CACHED_WORKFLOWS',
    };
  }
  if (budget) {
    const value = wholeNumber('WORKER_CACHE_BUDGET_MIB', budget, 1);
    if (value > room) {
      throw new ConfigError(
        `Invalid configuration: WORKER_CACHE_BUDGET_MIB: ${value} MiB does not fit this process's V8 heap ` +
          `(limit ${Math.floor(heapMiB)} MiB, ${HEAP_RESERVED_MIB} MiB of it kept for the rest): lower it to ` +
          `${room} or less, or raise the heap with NODE_OPTIONS=--max-old-space-size=<MiB>`,
      );
    }
    return fromBudget(value, 'WORKER_CACHE_BUDGET_MIB');
  }
  return fromBudget(Math.min(DEFAULT_CACHE_BUDGET_MIB, room), 'default budget');
}

function fromBudget(budgetMiB: number, source: WorkflowCacheSize['source']): WorkflowCacheSize {
  const maxCachedWorkflows = Math.max(MIN_CACHED_WORKFLOWS, Math.floor(budgetMiB / CACHED_CASE_WORKFLOW_MIB));
  return { maxCachedWorkflows, budgetMiB, source };
}

function wholeNumber(variable: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(
      `Invalid configuration: ${variable}: expected a whole number of at least ${min}, got "${text}"`,
    );
  }
  return value;
}
