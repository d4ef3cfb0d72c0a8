// Mutation testing of the domain core (`npm run test:mutation`, README "Mutation testing").
// Incremental: the committed reports/mutation/stryker-incremental.json lets a rerun test only the
// mutants of changed code or changed tests; `npm run test:mutation -- --force` reruns them all.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: regexes, zod schemas) would each rerun every domain spec,
  // the property suites included (~40 % of the run time for ~25 % of the mutants); they are left out
  // and reported as Ignored. Their rules are tested through the functions that use them.
  ignoreStatic: true,
  // Schemas built on first use (lazySchema) are left out like the static ones they were.
  plugins: ['@stryker-mutator/*', './scripts/mutation/lazy-schema.ignorer.mjs'],
  ignorers: ['lazy-schema'],
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/*.spec.ts', '!libs/domain/src/**/*.testing.ts'],
  // Messages are string literals: a changed text is not a changed rule. Error codes are string
  // literals too; each is asserted by a test of its own.
  mutator: { excludedMutations: ['StringLiteral'] },
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/html/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  // A mutant whose specs run this much longer than without it counts as a Timeout (detected). With 5 s,
  // the decide specs timed out on 33 of 407 mutants while the shared machine was loaded (some of them
  // mutants no test could fail); 20 s leaves real hangs (loops that never end) as the only timeouts.
  timeoutMS: 20000,
  // Outside the checkout, so that other jest runs do not see the sandbox's copy of the project.
  tempDirName: '/tmp/aftersales-stryker',
  // The sandbox holds only what the domain specs need, not the whole repository.
  ignorePatterns: [
    '/*',
    '!/libs',
    '/libs/*',
    '!/libs/domain',
    '!/package.json',
    '!/jest.config.js',
    '!/jest.mutation.config.js',
    '!/jest.mutation.setup.js',
    '!/tsconfig.json',
    '!/tsconfig.mutation.json',
  ],
  thresholds: { high: 95, low: 90, break: null },
};

export default config;
