import path from 'node:path';
import { apiEnv, type BenchChild, ROOT, startBenchChild } from './bench-processes';

const HOST_ENTRY = path.join(ROOT, 'apps/data-host/src/main.ts');
const API_ENTRY = path.join(__dirname, 'data-bench-api.main.ts');

/** The data host (apps/data-host) with the synthetic provider and no pacing. */
export function startDataHost(syntheticLatencyMs: number): Promise<BenchChild> {
  return startBenchChild('data host', HOST_ENTRY, {
    DATA_HOST_PROVIDER: 'synthetic',
    DATA_HOST_PACING: 'none',
    SYNTHETIC_LATENCY_MS: String(syntheticLatencyMs),
  });
}

/**
 * The real API routed to the data host (USE_IB_HOST_SERVICE), its cache and operations
 * database in `dataDir`; `keepAlive: false` makes its data host adapter unpooled
 * (see data-bench-api.main.ts).
 */
export function startDataApi(
  hostUrl: string,
  dataDir: string,
  keepAlive: boolean,
): Promise<BenchChild> {
  return startBenchChild(keepAlive ? 'API pooled' : 'API unpooled', API_ENTRY, {
    ...apiEnv(dataDir, path.join(dataDir, 'ops.sqlite')),
    USE_IB_HOST_SERVICE: 'true',
    IB_HOST_SERVICE_URL: hostUrl,
    DATA_PROVIDER: 'synthetic',
    DATA_BENCH_KEEP_ALIVE: String(keepAlive),
  });
}
