import { isIP } from 'node:net';

/**
 * True for an address reachable from this machine only: `localhost`, 127.0.0.0/8 or `::1`
 * (also bracketed, and IPv4-mapped `::ffff:127.x.y.z`). An app bound anywhere else needs
 * an API key.
 */
export function isLoopbackAddress(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice(7) : name;
  return isIP(v4) === 4 && v4.startsWith('127.');
}
