// The cluster suite (`npm run test:cluster`, run by CI): the server topology, Temporal's own server on
// PostgreSQL with frontend, matching, worker and two history processes. `cluster-e2e` runs the e2e files
// that walk every case path over HTTP against such a cluster (started by the integration global setup
// with TEMPORAL_TOPOLOGY=server); `cluster-faults` starts a cluster of its own and restarts or kills its
// parts (test/cluster). The built worker (dist/) runs as a child process, as in the fault suite.
const { projects } = require('./jest.config');

const integration = projects.find((project) => project.displayName === 'integration');
if (!integration) throw new Error('jest.config.js has no `integration` project to take the transform from');

// The global setup of `cluster-e2e` reads it (and every test file inherits it).
process.env.TEMPORAL_TOPOLOGY = 'server';

const common = {
  testEnvironment: integration.testEnvironment,
  transform: integration.transform,
  moduleFileExtensions: integration.moduleFileExtensions,
  modulePathIgnorePatterns: integration.modulePathIgnorePatterns,
};

/** @type {import('jest').Config} */
module.exports = {
  // One file at a time: a cluster is five Go processes, and the machine has two cores.
  maxWorkers: 1,
  testTimeout: 300000,
  projects: [
    {
      ...common,
      displayName: 'cluster-e2e',
      testMatch: [
        '<rootDir>/test/e2e/case-flows.test.ts',
        '<rootDir>/test/e2e/cases.test.ts',
        '<rootDir>/test/e2e/supplier-returns.test.ts',
      ],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'cluster-faults',
      testMatch: ['<rootDir>/test/cluster/**/*.cluster.ts'],
      globalSetup: '<rootDir>/test/cluster/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/cluster/support/global-teardown.ts',
    },
  ],
};
