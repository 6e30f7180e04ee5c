#!/usr/bin/env node
// Compiles every project of nest-cli.json (its sourceRoots) to dist/ with swc, using the one set
// of swc options in the .swcrc that nest-cli.json names (jest uses the same file). Type-checking
// is `npm run typecheck`. Path aliases from tsconfig.json are rewritten to relative requires, so
// `node dist/...` runs as is. (@nestjs/cli itself is not installed: v12 needs TypeScript 6.)
// Then Vite builds the dashboard (web/) into dist/web, which the API serves at /.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const nestCli = readJson('nest-cli.json');
const { $schema: _schema, ...swcrc } = readJson(nestCli.compilerOptions.builder.options.swcrcPath);
const { paths } = readJson('tsconfig.json').compilerOptions;

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
const sourceRoots = Object.values(nestCli.projects).map((project) => project.sourceRoot);
const files = sourceRoots.flatMap((dir) => [...sources(path.join(root, dir))]);
await Promise.all(
  files.map(async (file) => {
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      jsc: { ...swcrc.jsc, baseUrl: root, paths },
    });
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
console.log(`built ${files.length} files into dist/`);

await viteBuild({ configFile: path.join(root, 'web/vite.config.mts'), logLevel: 'warn' });
console.log('built the dashboard into dist/web/');
