/**
 * Benchmark: the pooled AsyncServiceAdapter against what the original did (a fresh HTTP client
 * per request, keep-alive off), same host, same concurrency, same run.
 *
 *   npm run bench:adapter [-- --rounds 7 --count 2000 --concurrency 10]
 *
 * The host is a plain node:http server answering JSON with the kit's keep-alive settings, in a
 * CHILD process on loopback (the client's and the server's event loops do not share a thread).
 * Rounds alternate a/b. Printed: median requests/s of each and their ratio (target ≥ 2×), the
 * median of the per-round ratios (robust to load drifting between rounds on a shared box), and
 * the client's CPU time per request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { AsyncServiceAdapter } from '@ktrdr/async-infrastructure';
import axios from 'axios';

const SERVER_FLAG = '--bench-server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer`);
  }
  return value;
}

/** Child mode: a JSON host with the kit's keep-alive settings. */
function runServer(): void {
  const payload = JSON.stringify({
    symbol: 'AAPL',
    timeframe: '1h',
    source: 'synthetic',
    bars: { t: [1, 2, 3], o: [1, 1, 1], h: [2, 2, 2], l: [0, 0, 0], c: [1, 1, 1], v: [9, 9, 9] },
  });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`bench host listening on http://127.0.0.1:${port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, SERVER_FLAG], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`bench host exited (${String(code)}): ${out}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], child });
    });
  });
}

class BenchAdapter extends AsyncServiceAdapter {
  constructor(baseUrl: string) {
    super({ name: 'bench', baseUrl, maxSockets: 10 });
  }

  fetchBars(): Promise<unknown> {
    return this.request({ method: 'GET', path: '/data/bars', query: { symbol: 'AAPL' } });
  }
}

/** The original's way: a new client per request, no connection reuse. */
function freshClientRequest(baseUrl: string): Promise<unknown> {
  const client = axios.create({
    baseURL: baseUrl,
    httpAgent: new http.Agent({ keepAlive: false }),
    proxy: false,
  });
  return client.get('/data/bars', { params: { symbol: 'AAPL' } }).then((r) => r.data as unknown);
}

interface Sample {
  /** Requests per second (wall clock). */
  rps: number;
  /** This process's CPU time per request in µs (less sensitive to other load on the box). */
  cpuUs: number;
}

/** `count` requests issued by `concurrency` callers, each awaiting its previous one. */
async function measure(
  count: number,
  concurrency: number,
  send: () => Promise<unknown>,
): Promise<Sample> {
  let issued = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued += 1;
        await send();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { rps: count / seconds, cpuUs: (used.user + used.system) / count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 7);
  const count = arg('count', 2000);
  const concurrency = arg('concurrency', 10);
  const { url, child } = await startServer();
  const adapter = new BenchAdapter(url);
  try {
    // Warm-up (JIT, first sockets) for both, not measured.
    await measure(1000, concurrency, () => adapter.fetchBars());
    await measure(1000, concurrency, () => freshClientRequest(url));

    const pooled: Sample[] = [];
    const fresh: Sample[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const a = await measure(count, concurrency, () => adapter.fetchBars());
      const b = await measure(count, concurrency, () => freshClientRequest(url));
      pooled.push(a);
      fresh.push(b);
      console.log(
        `round ${round}: pooled ${a.rps.toFixed(0)} req/s, fresh ${b.rps.toFixed(0)} req/s ` +
          `(${(a.rps / b.rps).toFixed(2)}×)`,
      );
    }
    const rpsA = median(pooled.map((s) => s.rps));
    const rpsB = median(fresh.map((s) => s.rps));
    const ratio = rpsA / rpsB;
    const pairedRatio = median(pooled.map((s, i) => s.rps / fresh[i]!.rps));
    const cpuA = median(pooled.map((s) => s.cpuUs));
    const cpuB = median(fresh.map((s) => s.cpuUs));
    const stats = adapter.statistics();
    console.log(
      `\n${rounds} rounds × ${count} requests, ${concurrency} concurrent callers, host in a child process`,
    );
    console.log(`(a) pooled adapter, keep-alive, maxSockets 10: median ${rpsA.toFixed(0)} req/s`);
    console.log(`(b) fresh client per request, keep-alive off:  median ${rpsB.toFixed(0)} req/s`);
    console.log(`ratio of medians a/b: ${ratio.toFixed(2)}× (target ≥ 2×)`);
    console.log(`median of per-round ratios: ${pairedRatio.toFixed(2)}×`);
    console.log(
      `client CPU per request: a ${cpuA.toFixed(0)} µs, b ${cpuB.toFixed(0)} µs (${(cpuB / cpuA).toFixed(2)}×)`,
    );
    console.log(
      `adapter: ${stats.requests} requests, sockets created ${stats.sockets.created}, ` +
        `reused ${stats.sockets.reused}, latency p50 ${stats.latency_ms.p50} ms ` +
        `p99 ${stats.latency_ms.p99} ms, errors ${JSON.stringify(stats.errors)}`,
    );
  } finally {
    adapter.close();
    child.kill('SIGTERM');
  }
}

if (process.argv.includes(SERVER_FLAG)) {
  runServer();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
