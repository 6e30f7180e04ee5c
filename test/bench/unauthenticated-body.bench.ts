/**
 * Benchmark (issue 8 §7): what unauthenticated, deeply nested 1 MB JSON bodies cost the API.
 * Each run starts the API with an API key (a fresh DATA_DIR), sends `--requests` (20) POSTs of
 * `{"steps": [[[…]]]}` (1 MB, ~500,000 levels) without the key, one at a time, and reads the CPU
 * time the process spent (utime + stime from /proc/<pid>/stat). Subject: this tree
 * (src/main.ts); baseline, when `--baseline <dist main.js>` is given (e.g. an older build): that
 * build. Runs alternate; medians are printed with the answers' statuses.
 *
 *   npm run bench:unauthenticated-body [-- --runs 3 --requests 20 --baseline ../main/dist/src/main.js]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { intArg, median, monotonicMs, printSummary, printTable } from './support/bench-stats';
import { apiEnv, benchTempDir, startBenchChild } from './support/bench-processes';

const KEY = 'bench-unauthenticated-key';
const CLOCK_TICKS_PER_S = 100;

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": utime and stime are fields 14 and 15 of the whole line.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

function nestedBody(bytes: number): string {
  const depth = Math.floor((bytes - 12) / 2);
  return `{"steps": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

async function run(
  label: string,
  entry: string,
  body: string,
  requests: number,
): Promise<{ cpu: number; wall: number; statuses: string }> {
  const { dir, remove } = benchTempDir('unauth-body');
  const api = await startBenchChild(label, entry, apiEnv(dir, path.join(dir, 'ktrdr.sqlite')), {
    apiKey: KEY,
  });
  try {
    const statuses = new Map<number, number>();
    const cpuBefore = cpuMs(api.pid);
    const started = monotonicMs();
    for (let i = 0; i < requests; i++) {
      const res = await fetch(`${api.url}/api/v1/operations/dummy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    const wall = monotonicMs() - started;
    const cpu = cpuMs(api.pid) - cpuBefore;
    return { cpu, wall, statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(' ') };
  } finally {
    await api.stop();
    remove();
  }
}

async function main(): Promise<void> {
  const runs = intArg('runs', 3);
  const requests = intArg('requests', 20);
  const at = process.argv.indexOf('--baseline');
  const baseline = at < 0 ? undefined : path.resolve(process.argv[at + 1] ?? '');
  const body = nestedBody(1_000_000);
  const subjects: [string, string][] = [['this tree', 'src/main.ts']];
  if (baseline) subjects.push(['baseline', baseline]);
  const results = new Map<string, { cpu: number; wall: number; statuses: string }[]>();
  for (let r = 0; r < runs; r++) {
    for (const [label, entry] of r % 2 === 0 ? subjects : [...subjects].reverse()) {
      const result = await run(label, entry, body, requests);
      results.set(label, [...(results.get(label) ?? []), result]);
    }
  }
  const rows = [...results].map(([label, rs]) => [
    label,
    median(rs.map((x) => x.cpu)),
    median(rs.map((x) => x.wall)),
    rs.at(-1)!.statuses,
  ]);
  printTable(['API', `CPU ms (${requests} bodies)`, 'wall ms', 'answers'], rows);
  const subject = median(results.get('this tree')!.map((x) => x.cpu));
  const base = results.get('baseline');
  printSummary({
    requests,
    body_bytes: body.length,
    cpu_ms: subject,
    ...(base && { baseline_cpu_ms: median(base.map((x) => x.cpu)) }),
    ...(base && { ratio: subject / median(base.map((x) => x.cpu)) }),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
