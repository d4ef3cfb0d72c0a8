// The fault suite (`npm run test:faults`): kills and restarts the worker, the Temporal dev server and
// PostgreSQL connections, and injects refund-system faults, then checks that every case still ends
// with a whole event log, rebuildable views and one payout per refund. The worker under test is the
// built one (dist/), run as a child process; the global setup starts one PostgreSQL server.
const { projects } = require('./jest.config');

// The same TypeScript transform and module settings as the integration tests.
const integration = projects.find((project) => project.displayName === 'integration');
if (!integration) throw new Error('jest.config.js has no `integration` project to take the transform from');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: integration.testEnvironment,
  transform: integration.transform,
  moduleFileExtensions: integration.moduleFileExtensions,
  modulePathIgnorePatterns: integration.modulePathIgnorePatterns,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault.ts'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
  // One scenario at a time: each runs its own Temporal server and worker and measures recovery.
  maxWorkers: 1,
  testTimeout: 300000,
};
