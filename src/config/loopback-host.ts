import { isIP } from 'node:net';

/**
 * True when `host` only accepts connections from this machine: `localhost`, any address in
 * 127.0.0.0/8, or `::1` (plain or IPv4-mapped). Everything else (including `0.0.0.0` and `::`)
 * exposes the API to the network.
 */
export function isLoopbackHost(host: string): boolean {
  const normalized = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (normalized === 'localhost') return true;
  if (normalized === '::1') return true;
  const v4 = normalized.startsWith('::ffff:') ? normalized.slice('::ffff:'.length) : normalized;
  return isIP(v4) === 4 && v4.startsWith('127.');
}
