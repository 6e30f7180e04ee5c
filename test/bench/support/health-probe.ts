/** Probing a server's latency while it works, and reading a child's memory (Linux /proc). */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { monotonicMs } from './bench-stats';

const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

/** One GET (keep-alive, body read and dropped); resolves with its latency in ms. */
export function timedGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = monotonicMs();
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(monotonicMs() - start));
      })
      .on('error', reject);
  });
}

/** Probes `url` every `everyMs` (one probe at a time) until `stop` settles; the latencies. */
export async function probe(
  url: string,
  everyMs: number,
  stop: Promise<unknown>,
): Promise<number[]> {
  let done = false;
  void stop.finally(() => (done = true)).catch(() => undefined);
  const latencies: number[] = [];
  while (!done) {
    const started = monotonicMs();
    latencies.push(await timedGet(url));
    const wait = everyMs - (monotonicMs() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return latencies;
}

/** A process's current (`VmRSS`) or peak (`VmHWM`) resident memory, in MB. */
export async function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** Closes the probes' keep-alive sockets. */
export function closeProbes(): void {
  agent.destroy();
}
