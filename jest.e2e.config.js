// End-to-end tests: real processes, real HTTP, real SQLite files, against the built dist/.
module.exports = {
  ...require('./jest.shared'),
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // A guard, not a fix: a suite that leaves a Redis connection open (two queued-mode specs do,
  // see the README's known issues) must not keep CI waiting after every test has passed.
  forceExit: true,
};
