// Unit tests: *.spec.ts next to the code. Cross-process tests live in test/ (jest.e2e.config.js).
module.exports = {
  ...require('./jest.shared'),
  roots: ['<rootDir>/src', '<rootDir>/apps', '<rootDir>/libs'],
  testRegex: '\\.spec\\.ts$',
};
