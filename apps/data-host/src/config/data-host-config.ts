import { statSync } from 'node:fs';
import path from 'node:path';
import { HostEnvReader } from '@ktrdr/http-kit';
import { parsePacingSpec, type PacingRule, type ProviderName } from '@ktrdr/market-data';

/** The data host's validated settings. */
export interface DataHostConfig {
  readonly provider: ProviderName;
  readonly host: string;
  readonly port: number;
  /** Shared key clients must send; required when `host` is not a loopback address. */
  readonly apiKey: string | undefined;
  /** DATA_HOST_PACING as given (or its default) and the rules it means. */
  readonly pacingSpec: string;
  readonly pacingRules: readonly PacingRule[];
  readonly ib: { readonly host: string; readonly port: number; readonly clientId: number };
  readonly csvDir: string | undefined;
  readonly syntheticLatencyMs: number;
  /** How long shutdown waits for in-flight provider calls before cutting their connections. */
  readonly shutdownGraceMs: number;
}

/** A bad environment: the message lists every problem, one per line. */
export class DataHostConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid data-host configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DataHostConfigError';
  }
}

const PROVIDERS: readonly ProviderName[] = ['synthetic', 'csv', 'ib'];

/**
 * Reads and validates the data host's environment:
 * DATA_HOST_PROVIDER (`synthetic` | `csv` | `ib`, default synthetic), HOST (127.0.0.1),
 * PORT (8001), DATA_HOST_API_KEY (at least 16 characters; required unless HOST is loopback),
 * DATA_HOST_PACING (`none`, `ib` or `<n>/<duration>`; default none), IB_HOST (127.0.0.1), IB_PORT
 * (4002, IB Gateway paper), IB_CLIENT_ID (1), CSV_PROVIDER_DIR (an existing folder, required for
 * csv), SYNTHETIC_LATENCY_MS (0), DATA_HOST_SHUTDOWN_GRACE_MS (10000). Throws {@link DataHostConfigError} naming every bad value.
 */
export function loadDataHostConfig(env: Record<string, string | undefined>): DataHostConfig {
  const reader = new HostEnvReader(env);
  const { problems } = reader;

  const providerText = reader.text('DATA_HOST_PROVIDER') ?? 'synthetic';
  const provider = PROVIDERS.find((p) => p === providerText.toLowerCase());
  if (!provider) {
    problems.push(
      `DATA_HOST_PROVIDER must be one of ${PROVIDERS.join(', ')}, got "${providerText}"`,
    );
  }
  const host = reader.text('HOST') ?? '127.0.0.1';
  const port = reader.integer('PORT', 8001, 0, 65_535);
  const apiKey = reader.apiKey('DATA_HOST_API_KEY', host);
  // Default none for every provider: IbProvider enforces IB's rules on what it really sends,
  // while a host-level count would also spend budget on requests that never reached IB.
  const pacingSpec = reader.text('DATA_HOST_PACING') ?? 'none';
  let pacingRules: readonly PacingRule[] = [];
  try {
    pacingRules = parsePacingSpec(pacingSpec);
  } catch (error) {
    problems.push(`DATA_HOST_PACING: ${(error as Error).message}`);
  }
  const ib = {
    host: reader.text('IB_HOST') ?? '127.0.0.1',
    port: reader.integer('IB_PORT', 4002, 1, 65_535),
    clientId: reader.integer('IB_CLIENT_ID', 1, 0, 2_147_483_647),
  };
  const csvText = reader.text('CSV_PROVIDER_DIR');
  const csvDir = csvText === undefined ? undefined : path.resolve(csvText);
  if (provider === 'csv') {
    if (!csvDir) problems.push('CSV_PROVIDER_DIR is required when DATA_HOST_PROVIDER is csv');
    else if (!isDirectory(csvDir)) problems.push(`CSV_PROVIDER_DIR (${csvDir}) is not a folder`);
  }
  const syntheticLatencyMs = reader.integer('SYNTHETIC_LATENCY_MS', 0, 0, 600_000);
  const shutdownGraceMs = reader.integer('DATA_HOST_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);

  if (problems.length > 0 || !provider) throw new DataHostConfigError(problems);
  return {
    provider,
    host,
    port,
    apiKey,
    pacingSpec,
    pacingRules,
    ib,
    csvDir,
    syntheticLatencyMs,
    shutdownGraceMs,
  };
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
