#!/usr/bin/env node
// Compiles src/, apps/ and libs/ to dist/ with swc (type-checking is `npm run typecheck`).
// Path aliases from tsconfig.json are rewritten to relative requires, so `node dist/...` runs as is.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const { paths } = JSON.parse(
  readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
).compilerOptions;

// Specs and the `testing/` folders (helpers for specs) are not part of the product.
const isProductSource = (name) =>
  name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts');

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'testing') yield* sources(full);
    } else if (isProductSource(name)) yield full;
  }
}

rmSync(out, { recursive: true, force: true });
const files = ['src', 'apps', 'libs'].flatMap((d) => [...sources(path.join(root, d))]);
await Promise.all(
  files.map(async (file) => {
    const { code, map } = await transformFile(file, {
      sourceMaps: true,
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2022',
        keepClassNames: true,
        baseUrl: root,
        paths,
        parser: { syntax: 'typescript', decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false,
        },
      },
    });
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
console.log(`built ${files.length} files into dist/`);
