// How the workflow code is bundled: one place for the worker, the API's replayer and the tests, so
// that every bundle shares the same modules. Not exported from this library's index: workflow code
// never imports it (it names paths on disk, which the bundle has no use for).

/**
 * Modules the SDK's reusable V8 context evaluates once and shares, frozen, across every workflow of
 * a worker, instead of once per workflow: zod and the domain core (pure: no I/O, no Temporal API,
 * no per-workflow state; its schemas and tables are constants). Without this each cached workflow
 * carried its own copy of zod and of every schema, about 1.3 MiB (docs/benchmarks.md, "Memory at
 * scale"). What a module here keeps at module level is seen by every workflow: keep it immutable.
 * Evaluation order does not reach workflow histories, so adding a module here needs no patch.
 */
export const SHARED_WORKFLOW_MODULES: readonly string[] = [
  'zod',
  require.resolve('./index'),
  require.resolve('../../domain/src'),
];

/** The bundler options (`bundleWorkflowCode`) of the case and supplier-return workflows; the caller adds its logger. */
export function workflowBundleOptions(): { workflowsPath: string; preloadModules: string[] } {
  return {
    workflowsPath: require.resolve('../../../workflows'),
    preloadModules: [...SHARED_WORKFLOW_MODULES],
  };
}
