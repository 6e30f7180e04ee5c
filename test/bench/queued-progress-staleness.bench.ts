/**
 * Benchmark: cross-process progress staleness in queued mode (queued.md, "Targets": progress from
 * a worker → an SSE subscriber on another API process, staleness p99 ≤ 200 ms).
 *
 *   npm run bench:queued-staleness [-- --rounds 5 --updates 200 --interval-ms 10]
 *
 * Two real API processes (children) in EXECUTION_MODE=queued on one Redis (a key prefix of this
 * run's own) and one PostgreSQL database created for the run. Per round, process A records an
 * operation's life straight into its registry, as the worker running it would (bench route:
 * `updates` snapshots every `interval-ms`, each stamped with its CLOCK_MONOTONIC production time,
 * then `completed`). Two SSE subscribers follow it: one on B (the figure: Redis relay) and one on A
 * (the baseline: the in-process bus, measured in the same run on the same operation). Staleness
 * of each delivered progress event = receive time − production time; both streams are coalesced
 * to ≤ 10 events/s per subscriber by the API, as for any client.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import path from 'node:path';
import { intArg, median, printSummary, printTable, round, summarize } from './support/bench-stats';
import { apiEnv, benchTempDir, type BenchChild, startBenchChild } from './support/bench-processes';
import { closeHttpAgent, expectJson } from './support/json-http';
import { openSseStream, type ReceivedEvent } from './support/sse-stream';

const TARGET_P99_MS = 200;
const ENTRY = path.join(__dirname, 'support', 'relay-bench-api.main.ts');
const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Staleness (ms) of every progress event a subscriber received. */
function staleness(events: ReceivedEvent[]): number[] {
  return events
    .filter((e) => e.event === 'progress')
    .map((e) => {
      const data = JSON.parse(e.data) as { progress: { context: { produced_ms: number } } };
      return e.receivedMs - data.progress.context.produced_ms;
    });
}

async function round1(
  a: BenchChild,
  b: BenchChild,
  burst: { updates: number; interval_ms: number },
): Promise<{ relayed: number[]; local: number[] }> {
  const created = await expectJson<{ operation_id: string }>(
    201,
    'POST',
    `${a.url}/api/v1/bench/relay`,
  );
  const id = created.body.operation_id;
  const onB: ReceivedEvent[] = [];
  const onA: ReceivedEvent[] = [];
  const streams = await Promise.all([
    openSseStream(`${b.url}/api/v1/operations/${id}/events`, (e) => onB.push(e)),
    openSseStream(`${a.url}/api/v1/operations/${id}/events`, (e) => onA.push(e)),
  ]);
  await expectJson(202, 'POST', `${a.url}/api/v1/bench/relay/${id}/go`, burst);
  await Promise.all(streams.map((s) => s.ended));
  for (const [name, events] of [
    ['B', onB],
    ['A', onA],
  ] as const) {
    if (events.at(-1)?.event !== 'status')
      throw new Error(`the stream on ${name} did not end with its status`);
  }
  return { relayed: staleness(onB), local: staleness(onA) };
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const burst = { updates: intArg('updates', 200), interval_ms: intArg('interval-ms', 10) };
  const tag = randomBytes(5).toString('hex');
  const database = `ktrdr_bench_${tag}`;
  const prefix = `ktrdr-bench-${tag}`;
  // A database of the run's own (its public schema): nothing of another run or test is in it.
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${database}`;
  const tmp = benchTempDir('queued-staleness');
  const env = {
    ...apiEnv(tmp.dir, databaseUrl.toString()),
    EXECUTION_MODE: 'queued',
    REDIS_URL,
    REDIS_PREFIX: prefix,
  };
  const children: BenchChild[] = [];
  try {
    children.push(await startBenchChild('API A', ENTRY, env));
    children.push(await startBenchChild('API B', ENTRY, env));
    const [a, b] = children as [BenchChild, BenchChild];
    await round1(a, b, { updates: 20, interval_ms: burst.interval_ms }); // warm-up
    const runs: { relayed: number[]; local: number[] }[] = [];
    const rows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      const run = await round1(a, b, burst);
      runs.push(run);
      const relayed = summarize(run.relayed);
      const local = summarize(run.local);
      rows.push([
        r,
        run.relayed.length,
        relayed.p50,
        relayed.p99,
        run.local.length,
        local.p50,
        local.p99,
      ]);
    }
    const relayed = summarize(runs.flatMap((r) => r.relayed));
    const local = summarize(runs.flatMap((r) => r.local));
    const p99Relayed = median(runs.map((r) => summarize(r.relayed).p99));
    const p99Local = median(runs.map((r) => summarize(r.local).p99));
    const pass = relayed.p99 <= TARGET_P99_MS;
    console.log(
      `\nqueued progress staleness: ${burst.updates} updates every ${burst.interval_ms} ms per ` +
        `round; SSE on B (relayed through Redis) vs SSE on A (in-process bus), same operation\n`,
    );
    printTable(['round', 'B events', 'B p50', 'B p99', 'A events', 'A p50', 'A p99'], rows);
    console.log('');
    printTable(
      ['staleness (all rounds)', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      [
        ['B: other process, Redis relay', relayed.p50, relayed.p99, relayed.max],
        ['A: same process, in-memory bus', local.p50, local.p99, local.max],
      ],
    );
    const ratio = p99Local > 0 ? round(p99Relayed / p99Local) : null;
    console.log(
      `\ntarget: cross-process staleness p99 ≤ ${TARGET_P99_MS} ms → ${relayed.p99} ms ` +
        `${pass ? 'PASS' : 'MISS'}; median of round p99s: relayed ${round(p99Relayed)} ms, ` +
        `in-process ${round(p99Local)} ms, ratio ${ratio ?? 'n/a'}`,
    );
    printSummary({
      bench: 'queued-progress-staleness',
      rounds,
      updates: burst.updates,
      interval_ms: burst.interval_ms,
      relayed_ms: relayed,
      in_process_ms: local,
      p99_median_of_rounds_ms: { relayed: round(p99Relayed), in_process: round(p99Local) },
      ratio_p99: ratio,
      target: { p99_ms: TARGET_P99_MS },
      pass,
    });
  } finally {
    closeHttpAgent();
    for (const child of children.reverse()) await child.stop();
    tmp.remove();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
