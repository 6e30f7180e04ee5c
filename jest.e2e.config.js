// End-to-end tests: real processes, real HTTP, real SQLite files, against the built dist/.
module.exports = {
  ...require('./jest.shared'),
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
