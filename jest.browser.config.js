// The browser suite (`npm run test:browser`, which builds first): the console served by the real API
// (apps/api/src/console) on a real Temporal dev server and PostgreSQL (the integration setup), driven by
// Debian's Chromium through playwright-core. Screenshots go to docs/console/. `npm test` never runs it.
const { projects } = require('./jest.config');

const integration = projects.find((project) => project.displayName === 'integration');
if (!integration) throw new Error('jest.config.js has no `integration` project to take the transform from');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: integration.testEnvironment,
  transform: integration.transform,
  moduleFileExtensions: integration.moduleFileExtensions,
  modulePathIgnorePatterns: integration.modulePathIgnorePatterns,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // One Chromium at a time on a small machine; each file starts its own API, worker and sandbox.
  maxWorkers: 1,
  testTimeout: 180000,
};
