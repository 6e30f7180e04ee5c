// Unit tests: *.spec.ts next to the code. Cross-process tests live in test/ (jest.e2e.config.js).
module.exports = {
  ...require('./jest.shared'),
  roots: ['<rootDir>/src', '<rootDir>/apps', '<rootDir>/libs'],
  testRegex: '\\.spec\\.ts$',
  // Some suites boot Nest apps on real SQLite/PostgreSQL or train a tiny model in a worker
  // thread: on a loaded 2-core machine that can pass jest's 5 s default without being wrong.
  testTimeout: 20000,
  // A guard, not a fix: a suite that leaves a Redis connection open (two queued-mode specs do,
  // see the README's known issues) must not keep CI waiting after every test has passed.
  forceExit: true,
};
