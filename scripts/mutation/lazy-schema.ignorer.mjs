// A Stryker ignorer: mutants inside `lazySchema(() => …)` (libs/domain/src/lazy-schema.ts) are not run.
//
// Such a schema is built once per module instance, by the first test that parses with it, and then
// kept. Stryker's per-test coverage credits its mutants to that one test, so each would be judged by a
// test that may not exercise the rule it changes: a survivor that says nothing. Before the schemas
// became lazy they were built when their module loaded, static mutants, which `ignoreStatic` leaves
// out; this keeps them out the same way. Their rules are tested through the decide functions' and the
// API's VALIDATION_FAILED answers.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const REASON =
  'a lazySchema builder runs once per module instance, under the first test that parses with it ' +
  '(static before it was lazy; see scripts/mutation/lazy-schema.ignorer.mjs)';

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'lazy-schema', {
    shouldIgnore(path) {
      const isLazySchemaCall =
        path.isCallExpression() && path.get('callee').isIdentifier({ name: 'lazySchema' });
      return isLazySchemaCall ? REASON : undefined;
    },
  }),
];
