/**
 * Benchmark: a page of `GET /api/v1/operations` with 100,000 stored operations (operations.md,
 * "Targets": p99 < 50 ms). Baseline, in the same run: the same requests against 1,000 stored.
 *
 *   npm run bench:list [-- --rounds 5 --per-round 100 --large 100000 --small 1000]
 *
 * Each database is a fresh SQLite file: the real API starts on it once (its migrations create
 * the schema) and stops, the operations are bulk-inserted in one transaction, then the API
 * (plus bench routes) runs on it as a CHILD process on loopback. Requests are sequential over
 * one keep-alive connection, cycling through filters (none, status, operation_type, both,
 * active_only) and offsets (first page, 10%, 50%, 90%, last page of the filtered total);
 * rounds alternate large / small.
 */
import path from 'node:path';
import type { OperationRecord } from '@ktrdr/operations';
import {
  intArg,
  median,
  percentile,
  printSummary,
  printTable,
  round,
  summarize,
} from './support/bench-stats';
import { startBenchApi, type BenchApi } from './support/bench-api.process';
import { benchTempDir } from './support/bench-processes';
import { closeHttpAgent, expectJson } from './support/json-http';
import { seedOperations } from './support/operations-seed';

const TARGET_P99_MS = 50;
const LIMIT = 50;
const WARMUP = 25;
const FILTERS: Record<string, string> = {
  none: '',
  status: 'status=failed',
  type: 'operation_type=training',
  'status+type': 'status=completed&operation_type=data_load',
  active_only: 'active_only=true',
};
const OFFSETS = { first: 0, '10%': 0.1, '50%': 0.5, '90%': 0.9, last: 1 } as const;

interface Page {
  items: OperationRecord[];
  total: number;
  active_count: number;
}

interface Query {
  filter: string;
  offset: string;
  url: string;
}

interface Database {
  name: string;
  size: number;
  api: BenchApi;
  queries: Query[];
  ms: number[];
  byFilter: Map<string, number[]>;
  byOffset: Map<string, number[]>;
}

async function prepare(name: string, size: number, dir: string): Promise<Database> {
  const file = path.join(dir, `${name}.sqlite`);
  const migrate = await startBenchApi(dir, file);
  await migrate.stop();
  const seededAt = process.hrtime.bigint();
  seedOperations(file, size);
  const seedMs = Number(process.hrtime.bigint() - seededAt) / 1e6;
  const api = await startBenchApi(dir, file);
  const all = await expectJson<Page>(200, 'GET', `${api.api}/operations?limit=1`);
  if (all.body.total !== size)
    throw new Error(`${name}: API sees ${all.body.total} operations, seeded ${size}`);
  const one = all.body.items[0];
  if (!one?.progress || typeof one.metadata.symbol !== 'string') {
    throw new Error(`${name}: a seeded operation does not read back whole: ${JSON.stringify(one)}`);
  }
  const queries: Query[] = [];
  for (const [filter, qs] of Object.entries(FILTERS)) {
    const sep = qs === '' ? '' : `&${qs}`;
    const total = (await expectJson<Page>(200, 'GET', `${api.api}/operations?limit=1${sep}`)).body
      .total;
    const lastPage = Math.max(0, total - LIMIT);
    for (const [label, fraction] of Object.entries(OFFSETS)) {
      const offset = fraction === 1 ? lastPage : Math.floor(total * fraction);
      queries.push({
        filter,
        offset: label,
        url: `${api.api}/operations?limit=${LIMIT}&offset=${offset}${sep}`,
      });
    }
  }
  console.log(
    `${name}: ${size.toLocaleString('en-US')} operations seeded in ${seedMs.toFixed(0)} ms`,
  );
  return { name, size, api, queries, ms: [], byFilter: new Map(), byOffset: new Map() };
}

async function runRequests(db: Database, count: number, record: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    const query = db.queries[(db.ms.length + i) % db.queries.length]!;
    const res = await expectJson<Page>(200, 'GET', query.url);
    if (res.body.items.length === 0 && query.filter !== 'active_only') {
      throw new Error(`empty page for ${query.url}`);
    }
    if (!record) continue;
    db.ms.push(res.ms);
    push(db.byFilter, query.filter, res.ms);
    push(db.byOffset, query.offset, res.ms);
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const perRound = intArg('per-round', 100);
  const tmp = benchTempDir('list');
  const dbs: Database[] = [];
  try {
    const large = await prepare('large', intArg('large', 100_000), tmp.dir);
    dbs.push(large);
    const small = await prepare('small', intArg('small', 1_000), tmp.dir);
    dbs.push(small);
    for (const db of dbs) await runRequests(db, WARMUP, false);

    const roundRows: (string | number)[][] = [];
    const largeP99s: number[] = [];
    const smallP99s: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const before = [large.ms.length, small.ms.length];
      const order = r % 2 === 1 ? [large, small] : [small, large];
      for (const db of order) await runRequests(db, perRound, true);
      const l = summarize(large.ms.slice(before[0]));
      const s = summarize(small.ms.slice(before[1]));
      largeP99s.push(l.p99);
      smallP99s.push(s.p99);
      roundRows.push([r, l.p50, l.p99, s.p50, s.p99]);
    }

    const l = summarize(large.ms);
    const s = summarize(small.ms);
    console.log(
      `\nlist page (limit ${LIMIT}), sequential requests, ${rounds} rounds of ${perRound} per database\n`,
    );
    printTable(
      ['round', `${large.size} p50`, `${large.size} p99`, `${small.size} p50`, `${small.size} p99`],
      roundRows,
    );
    console.log('');
    printTable(
      ['stored operations', 'n', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      [
        [large.size, l.count, l.p50, l.p99, l.max],
        [`${small.size} (baseline)`, s.count, s.p50, s.p99, s.max],
      ],
    );
    console.log(`\nbreakdown with ${large.size.toLocaleString('en-US')} stored\n`);
    const breakdown = [
      ...Object.keys(FILTERS).map(
        (key) => [`filter ${key}`, large.byFilter.get(key) ?? []] as const,
      ),
      ...Object.keys(OFFSETS).map(
        (key) => [`offset ${key}`, large.byOffset.get(key) ?? []] as const,
      ),
    ].map(([label, ms]) => [label, ms.length, round(median(ms)), round(percentile(ms, 99))]);
    printTable(['requests', 'n', 'p50 (ms)', 'p99 (ms)'], breakdown);
    // The combined filter has no index of its own (see the breakdown): shown apart as well.
    const singleFilter = summarize(
      [...large.byFilter].filter(([key]) => key !== 'status+type').flatMap(([, ms]) => ms),
    );
    console.log(
      `\nwithout the status+type filter: p50 ${singleFilter.p50} ms, p99 ${singleFilter.p99} ms`,
    );
    const ratioP50 = round(l.p50 / s.p50);
    const ratioP99 = round(l.p99 / s.p99);
    const pass = l.p99 < TARGET_P99_MS;
    console.log(
      `\ntarget: p99 < ${TARGET_P99_MS} ms with ${large.size.toLocaleString('en-US')} stored → ` +
        `${l.p99} ms ${pass ? 'PASS' : 'MISS'}; ratio to ${small.size.toLocaleString('en-US')} stored: ` +
        `p50 ${ratioP50}×, p99 ${ratioP99}× (median of round p99s: ${median(largeP99s)} vs ${median(smallP99s)} ms)`,
    );
    printSummary({
      bench: 'list-page',
      rounds,
      requests_per_database: l.count,
      limit: LIMIT,
      large: { stored: large.size, ms: l },
      baseline: { stored: small.size, ms: s },
      median_round_p99_ms: { large: median(largeP99s), baseline: median(smallP99s) },
      ratio: { p50: ratioP50, p99: ratioP99 },
      large_without_status_type_ms: singleFilter,
      p99_by_filter_ms: Object.fromEntries(
        [...large.byFilter].map(([k, ms]) => [k, round(percentile(ms, 99))]),
      ),
      p99_by_offset_ms: Object.fromEntries(
        [...large.byOffset].map(([k, ms]) => [k, round(percentile(ms, 99))]),
      ),
      target_p99_ms: TARGET_P99_MS,
      pass,
    });
  } finally {
    closeHttpAgent();
    await Promise.all(dbs.map((db) => db.api.stop()));
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
