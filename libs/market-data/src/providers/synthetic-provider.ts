import { calendarFor } from '../calendar/calendar-for';
import { generateSyntheticBars, SYNTHETIC_HEAD_TIMESTAMP } from '../series/synthetic-bars';
import { instrumentKind } from '../symbols';
import { TIMEFRAMES, type Timeframe } from '../timeframes';
import type {
  HistoricalBars,
  HistoricalRequest,
  MarketDataProvider,
  ProviderHealth,
  SymbolValidation,
} from './market-data-provider';
import { abortableDelay, throwIfAborted } from './provider-abort';
import { BeforeHeadTimestampError } from './provider-errors';

const DAY_MS = 86_400_000;

/** Options of {@link SyntheticProvider}. */
export interface SyntheticProviderOptions {
  /**
   * Simulated upstream latency of every request, in ms (default 0). Abortable: an abort
   * during the wait rejects at once. Used by tests and benchmarks to have requests in flight.
   */
  readonly latencyMs?: number;
  /** Default 8: generating bars is cheap. */
  readonly maxConcurrentRequests?: number;
  /** The clock (default `Date.now`): no bar after now is answered, as a real provider. */
  readonly now?: () => number;
}

/**
 * Made-up bars from `generateSyntheticBars`: deterministic per symbol, on the symbol's real
 * trading calendar, starting at `SYNTHETIC_HEAD_TIMESTAMP`. Every answer says
 * `source: 'synthetic'`, and no bar opens after now. Any valid symbol is accepted (there is no list of instruments to
 * check it against, and the data is invented either way); the contract info says so.
 * The default provider on a fresh machine: it needs nothing.
 */
export class SyntheticProvider implements MarketDataProvider {
  readonly name = 'synthetic' as const;
  readonly maxConcurrentRequests: number;
  private readonly latencyMs: number;
  private readonly now: () => number;

  constructor(options: SyntheticProviderOptions = {}) {
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    this.maxConcurrentRequests = options.maxConcurrentRequests ?? 8;
    this.now = options.now ?? Date.now;
  }

  health(): Promise<ProviderHealth> {
    return Promise.resolve({
      provider: this.name,
      connected: true,
      details: {
        synthetic: true,
        note: 'generated data, not market prices',
        latency_ms: this.latencyMs,
        head_timestamp: new Date(SYNTHETIC_HEAD_TIMESTAMP).toISOString(),
      },
    });
  }

  async validateSymbol(
    symbol: string,
    timeframes: Timeframe[] | undefined,
    signal?: AbortSignal,
  ): Promise<SymbolValidation> {
    await this.upstream(signal);
    const kind = instrumentKind(symbol);
    const head_timestamps: Partial<Record<Timeframe, string | null>> = {};
    for (const tf of timeframes ?? TIMEFRAMES) {
      head_timestamps[tf] = new Date(this.firstBar(symbol, tf)).toISOString();
    }
    return {
      symbol,
      contract: {
        kind,
        exchange: 'SYNTHETIC',
        currency: kind === 'forex' ? (symbol.split('.')[1] ?? '') : 'USD',
        description: `Synthetic ${symbol}: generated data, not market prices`,
      },
      head_timestamps,
      source: this.name,
    };
  }

  async headTimestamp(symbol: string, timeframe: Timeframe, signal?: AbortSignal): Promise<number> {
    await this.upstream(signal);
    return this.firstBar(symbol, timeframe);
  }

  async fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars> {
    const { symbol, timeframe, startMs, endMs, signal } = request;
    await this.upstream(signal);
    const head = this.firstBar(symbol, timeframe);
    if (endMs < head) throw new BeforeHeadTimestampError(symbol, head, endMs);
    // No future bars (as IbProvider): a range reaching past now is cut at now.
    const bars = generateSyntheticBars(symbol, timeframe, startMs, Math.min(endMs, this.now()));
    return { symbol, timeframe, source: this.name, bars };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The simulated round trip: checks the signal, waits the latency (abortable). */
  private async upstream(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    if (this.latencyMs > 0) await abortableDelay(this.latencyMs, signal);
  }

  /** The first synthetic bar's time: the first bar timestamp on or after the head. */
  private firstBar(symbol: string, timeframe: Timeframe): number {
    const stamps = calendarFor(symbol).barTimestamps(
      timeframe,
      SYNTHETIC_HEAD_TIMESTAMP,
      SYNTHETIC_HEAD_TIMESTAMP + 14 * DAY_MS,
    );
    return stamps[0] ?? SYNTHETIC_HEAD_TIMESTAMP;
  }
}
