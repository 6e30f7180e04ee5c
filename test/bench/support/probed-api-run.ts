import path from 'node:path';
import { monotonicMs, summarize, type LatencySummary } from './bench-stats';
import { apiEnv, ROOT, startBenchChild, type BenchChild } from './bench-processes';
import { memoryMb, probe } from './health-probe';

const IDLE_PROBE_MS = 3000;

/** An API's health latency idle and while a piece of work ran, and what the work cost it. */
export interface ProbedApiRun<T> {
  idle: LatencySummary;
  busy: LatencySummary;
  /** From starting the work to its end. */
  workMs: number;
  /** The API's resident memory before the work, and its peak (VmHWM) after it. */
  rssBeforeMb: number;
  peakRssMb: number;
  result: T;
}

/**
 * Starts a fresh API (src/main.ts) over `dataDir`, probes its `/health` for a few seconds idle
 * (the baseline), then runs `work` against its root URL while probing every `probeMs` (one probe
 * in flight at a time); stops the API whatever happens.
 */
export async function probedApiRun<T>(
  dataDir: string,
  probeMs: number,
  work: (apiUrl: string) => Promise<T>,
): Promise<ProbedApiRun<T>> {
  let api: BenchChild | undefined;
  try {
    api = await startBenchChild(
      'API',
      path.join(ROOT, 'src/main.ts'),
      apiEnv(dataDir, path.join(dataDir, 'ops.sqlite')),
    );
    const health = `${api.url}/api/v1/health`;
    const idle = await probe(health, probeMs, new Promise((r) => setTimeout(r, IDLE_PROBE_MS)));
    const rssBeforeMb = await memoryMb(api.pid, 'VmRSS');
    const started = monotonicMs();
    const running = work(api.url);
    const busy = await probe(health, probeMs, running);
    const result = await running;
    return {
      idle: summarize(idle),
      busy: summarize(busy),
      workMs: monotonicMs() - started,
      rssBeforeMb,
      peakRssMb: await memoryMb(api.pid, 'VmHWM'),
      result,
    };
  } finally {
    await api?.stop();
  }
}
