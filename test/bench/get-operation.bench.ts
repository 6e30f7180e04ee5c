/**
 * Benchmark: throughput of `GET /api/v1/operations/:id` against a bare Nest route in the same
 * server (operations.md, "Targets": ≥ 70% of the bare route's requests/s).
 *
 *   npm run bench:get [-- --rounds 5 --seconds 5 --connections 10]
 *
 * The server is the real API plus a bench-only controller (test/bench/support), in a CHILD
 * process on loopback; autocannon drives it from this process. The bare route goes through the
 * same global guard, pipes and filter and answers a constant body shaped and sized like the
 * operation. Rounds alternate bare / operation; medians of requests/s and their ratio are printed.
 */
import autocannon from 'autocannon';
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import { startDummy, withBenchApi } from './support/bench-api.process';
import { expectJson } from './support/json-http';

const TARGET_RATIO = 0.7;
const WARMUP_SECONDS = 2;

interface Load {
  rps: number;
  p99LatencyMs: number;
}

async function load(url: string, seconds: number, connections: number): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds });
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  return { rps: result['2xx'] / result.duration, p99LatencyMs: result.latency.p99 };
}

async function waitUntilEnded(url: string): Promise<void> {
  for (;;) {
    const res = await expectJson<{ status: string }>(200, 'GET', url);
    if (res.body.status === 'completed') return;
    if (res.body.status === 'failed' || res.body.status === 'cancelled') {
      throw new Error(`the probe operation ended ${res.body.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const seconds = intArg('seconds', 5);
  const connections = intArg('connections', 10);
  await withBenchApi('get', async (api) => {
    const operationUrl = (await startDummy(api, { steps: 3, step_ms: 1 })).url;
    const bareUrl = `${api.api}/bench/bare`;
    await waitUntilEnded(operationUrl);
    const sizes = {
      operation: (await expectJson(200, 'GET', operationUrl)).bytes,
      bare: (await expectJson(200, 'GET', bareUrl)).bytes,
    };

    await load(bareUrl, WARMUP_SECONDS, connections);
    await load(operationUrl, WARMUP_SECONDS, connections);

    const bare: Load[] = [];
    const operation: Load[] = [];
    const rows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      // Alternate which goes first, so a drift in machine load hits both alike.
      const [first, second] = r % 2 === 1 ? [bareUrl, operationUrl] : [operationUrl, bareUrl];
      const a = await load(first, seconds, connections);
      const b = await load(second, seconds, connections);
      const [bareRound, opRound] = first === bareUrl ? [a, b] : [b, a];
      bare.push(bareRound);
      operation.push(opRound);
      rows.push([
        r,
        round(bareRound.rps, 0),
        round(opRound.rps, 0),
        round(opRound.rps / bareRound.rps),
      ]);
    }

    const bareRps = median(bare.map((l) => l.rps));
    const opRps = median(operation.map((l) => l.rps));
    const ratio = round(opRps / bareRps);
    const roundRatio = median(operation.map((l, i) => l.rps / bare[i]!.rps));
    const pass = ratio >= TARGET_RATIO;
    console.log(
      `\nGET throughput: autocannon, ${connections} connections, ${seconds} s per round; ` +
        `body ${sizes.operation} B (operation) vs ${sizes.bare} B (bare)\n`,
    );
    printTable(['round', 'bare req/s', 'GET op req/s', 'ratio'], rows);
    console.log('');
    printTable(
      ['route', 'median req/s', 'median p99 latency (ms)'],
      [
        ['bare Nest route', round(bareRps, 0), median(bare.map((l) => l.p99LatencyMs))],
        ['GET /operations/:id', round(opRps, 0), median(operation.map((l) => l.p99LatencyMs))],
      ],
    );
    console.log(
      `\ntarget: GET /operations/:id ≥ ${TARGET_RATIO * 100}% of the bare route → ` +
        `${round(ratio * 100, 1)}% ${pass ? 'PASS' : 'MISS'} (median of round ratios ${round(roundRatio * 100, 1)}%)`,
    );
    printSummary({
      bench: 'get-operation',
      rounds,
      seconds_per_round: seconds,
      connections,
      body_bytes: sizes,
      median_rps: { bare: round(bareRps, 0), operation: round(opRps, 0) },
      ratio,
      median_round_ratio: round(roundRatio),
      target_ratio: TARGET_RATIO,
      pass,
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
