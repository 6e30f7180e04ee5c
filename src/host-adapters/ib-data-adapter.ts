import { AsyncServiceAdapter, type HostHealth } from '@ktrdr/async-infrastructure';
import {
  type BarSeries,
  type HistoricalBars,
  type HistoricalRequest,
  type MarketDataProvider,
  type ProviderHealth,
  type ProviderName,
  type SymbolValidation,
  type Timeframe,
  UnknownProviderError,
} from '@ktrdr/market-data';
import { type HostCallSubject, toProviderError } from './host-error.mapper';

/** Options of the data host's client; the pool size is fixed by the host's contract. */
export interface IbDataAdapterOptions {
  /** Root URL of the data host, e.g. `http://127.0.0.1:8001`. */
  baseUrl: string;
  /** The host's shared key, when it requires one. */
  apiKey?: string;
  /** Per-attempt timeout of the quick calls (default: the adapter's 30 s). */
  timeoutMs?: number;
  /**
   * Timeout of a historical-bars request (default 90 s): above the host's own upstream
   * timeout (IB: 60 s), so the host answers a slow request before the client gives up.
   */
  historicalTimeoutMs?: number;
  /** Reuse connections (default true); `false` only to measure the pool against (benchmark). */
  keepAlive?: boolean;
}

/** The data host's answer to `POST /data/historical` (bars columnar, `t` in epoch ms). */
interface HistoricalAnswer {
  symbol: string;
  timeframe: Timeframe;
  source: ProviderName;
  bars: BarSeries;
}

interface HeadTimestampAnswer {
  head_timestamp: string | number;
}

/** Sockets to the data host (data.md: several segments in flight at once). */
const DATA_HOST_MAX_SOCKETS = 10;

/** Default of {@link IbDataAdapterOptions.historicalTimeoutMs}. */
const HISTORICAL_TIMEOUT_MS = 90_000;

/**
 * The MarketDataProvider of the API app when it routes data to the data host service
 * (`USE_IB_HOST_SERVICE=true`): HTTP through the pooled adapter, the operation's signal on
 * every call (a cancel aborts the request on its socket and the host cancels upstream). The
 * quick reads (validate, head timestamp) are retried here on transient failures; a historical
 * request is sent once, as the data load's job manager owns segment retries (and counts them
 * in the load's summary). Host errors come back as the same provider errors a local provider
 * throws.
 */
export class IbDataAdapter extends AsyncServiceAdapter implements MarketDataProvider {
  private readonly historicalTimeoutMs: number;
  /** `max_concurrent_requests` of the host's last health answer (null: not said). */
  private hostConcurrency: number | null = null;

  constructor(options: IbDataAdapterOptions) {
    super({
      name: 'ib',
      baseUrl: options.baseUrl,
      maxSockets: DATA_HOST_MAX_SOCKETS,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      keepAlive: options.keepAlive,
    });
    this.historicalTimeoutMs = options.historicalTimeoutMs ?? HISTORICAL_TIMEOUT_MS;
  }

  /**
   * Segments a load keeps in flight: the host provider's own limit from its last health
   * answer (IB: 3), at most the pool's 10 sockets; 10 when the host has not said.
   */
  get maxConcurrentRequests(): number {
    return Math.min(DATA_HOST_MAX_SOCKETS, this.hostConcurrency ?? DATA_HOST_MAX_SOCKETS);
  }

  /** The provider kind this adapter stands for (the host says which one really answers). */
  override get name(): ProviderName {
    return 'ib';
  }

  /** The host's health, also shaped as a ProviderHealth (`connected` from the host's answer). */
  override async health(): Promise<HostHealth & ProviderHealth> {
    const host = await super.health();
    const details = isRecord(host.details) ? host.details : {};
    const provider = isProviderName(details.provider) ? details.provider : 'ib';
    const connected = host.ok && details.connected !== false;
    // An answer without the limit (an older host) means the pool's default again.
    if (host.status !== null) {
      this.hostConcurrency = positiveInteger(details.max_concurrent_requests);
    }
    return { ...host, provider, connected, details };
  }

  /**
   * The first call of every load: also refreshes the host's health (cached, never throws), so
   * {@link maxConcurrentRequests} is the host's current limit when the load's segments start.
   */
  async validateSymbol(
    symbol: string,
    timeframes: Timeframe[] | undefined,
    signal?: AbortSignal,
  ): Promise<SymbolValidation> {
    const [validation] = await Promise.all([
      this.call({ symbol }, () =>
        this.request<SymbolValidation>({
          method: 'POST',
          path: '/data/validate',
          body: timeframes ? { symbol, timeframes } : { symbol },
          signal,
          idempotent: true,
        }),
      ),
      this.health(),
    ]);
    return validation;
  }

  async headTimestamp(symbol: string, timeframe: Timeframe, signal?: AbortSignal): Promise<number> {
    const answer = await this.call({ symbol, timeframe }, () =>
      this.request<HeadTimestampAnswer>({
        method: 'GET',
        path: '/data/head-timestamp',
        query: { symbol, timeframe },
        signal,
      }),
    );
    const value = answer.head_timestamp;
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isFinite(ms)) {
      throw new UnknownProviderError(`Data host sent an invalid head timestamp: ${String(value)}`);
    }
    return ms;
  }

  async fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars> {
    const { symbol, timeframe, startMs, endMs, signal } = request;
    const answer = await this.call({ symbol, timeframe, startMs, endMs }, () =>
      this.request<HistoricalAnswer>({
        method: 'POST',
        path: '/data/historical',
        body: {
          symbol,
          timeframe,
          start: new Date(startMs).toISOString(),
          end: new Date(endMs).toISOString(),
        },
        signal,
        idempotent: true,
        maxAttempts: 1,
        timeoutMs: this.historicalTimeoutMs,
      }),
    );
    if (!isBarSeries(answer.bars)) {
      throw new UnknownProviderError('Data host sent malformed bars (columns missing or uneven)');
    }
    return { symbol, timeframe, source: answer.source, bars: answer.bars };
  }

  /**
   * Closes the connection pool; in-flight calls fail. MarketDataProvider's `close` returns a
   * promise while the adapter's is synchronous: this one closes synchronously and returns an
   * already resolved promise, so the base class ignoring it loses nothing.
   */
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- see above: never rejects
  override close(): Promise<void> {
    super.close();
    return Promise.resolve();
  }

  private async call<T>(subject: HostCallSubject, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toProviderError(error, subject);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

function isProviderName(value: unknown): value is ProviderName {
  return value === 'ib' || value === 'csv' || value === 'synthetic';
}

function isBarSeries(value: unknown): value is BarSeries {
  if (!isRecord(value) || !Array.isArray(value.t)) return false;
  const length = value.t.length;
  return (['o', 'h', 'l', 'c', 'v'] as const).every(
    (key) => Array.isArray(value[key]) && (value[key] as unknown[]).length === length,
  );
}
