// What the unit and e2e jest configs share: the project's one set of swc options (.swcrc, also
// used by scripts/build.mjs) and the tsconfig path aliases.
const { compilerOptions } = require('./tsconfig.json');
const { readFileSync } = require('node:fs');

const { $schema: _schema, ...swcrc } = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const swcOptions = { ...swcrc, swcrc: false };
const swcForJs = { ...swcOptions, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' } } };

// Packages published as ES modules only (NestJS 12 and some of its dependencies). Node 20.19+
// loads them from our CommonJS code through require(esm), but jest's module runtime does not
// (before Node 24.9), so jest compiles them to CommonJS with the same swc options.
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
    '^.+\\.m?js$': ['@swc/jest', swcForJs],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
