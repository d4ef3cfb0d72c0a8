// The jest run of `npm run test:mutation` (stryker.config.mjs): the `unit` project's domain specs only,
// so each mutant of libs/domain/src is judged in seconds.
const { projects } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  rootDir: __dirname,
  testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts'],
  // imports.spec.ts reads the source text, which Stryker replaces with instrumented code: it checks
  // imports and doc comments, not behaviour, so it could kill no mutant anyway.
  testPathIgnorePatterns: ['/imports\\.spec\\.ts$'],
  setupFiles: ['<rootDir>/jest.mutation.setup.js'],
};

// A quick loop over one group of files: MUTATION_SPECS='libs/domain/src/money.spec.ts,...' judges the
// mutants by those specs only. A mutant they kill stays killed in the incremental file; a survivor is
// retested by the next run with all specs (the incremental file sees the tests it did not run as new).
if (process.env.MUTATION_SPECS) {
  module.exports.testMatch = process.env.MUTATION_SPECS.split(',').map((spec) => `<rootDir>/${spec.trim()}`);
}
