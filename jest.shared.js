// What the unit and e2e jest configs share: swc transform and tsconfig path aliases.
const { compilerOptions } = require('./tsconfig.json');

const swcOptions = {
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
};

// Packages published as ES modules only (NestJS 12 and some of its dependencies). Node 20.19+
// loads them from our CommonJS code through require(esm), but jest's module runtime does not
// (before Node 24.9), so jest compiles them to CommonJS with the same swc transform.
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'load-esm',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'peek-readable',
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias}$`,
      `<rootDir>/${target}`,
    ]),
  ),
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
    '^.+\\.m?js$': [
      '@swc/jest',
      { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
