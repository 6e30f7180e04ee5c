import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built dashboard is, or null when it was not built. A Vite build leaves
 * `.vite/manifest.json` next to `index.html`; the web sources (`web/`, whose index.html only
 * works through Vite's dev server) have none, so they are never served by mistake.
 * From `dist/src/dashboard` that is `dist/web`; from `src/dashboard` (running from ts) the
 * last `npm run build`'s `dist/web`, if any.
 */
export function locateDashboard(from: string = __dirname): string | null {
  const candidates = [path.resolve(from, '../../web'), path.resolve(from, '../../dist/web')];
  return candidates.find((dir) => existsSync(path.join(dir, '.vite', 'manifest.json'))) ?? null;
}
