import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** e2e tests run real processes from dist/: build once before the suite. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
