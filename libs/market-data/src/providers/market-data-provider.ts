import type { BarSeries } from '../series/bar-series';
import type { InstrumentKind } from '../symbols';
import type { Timeframe } from '../timeframes';

/** Where bars come from. */
export type ProviderName = 'ib' | 'csv' | 'synthetic';

/** A provider's health: `connected` is the real state of its upstream (gateway, folder). */
export interface ProviderHealth {
  readonly provider: ProviderName;
  readonly connected: boolean;
  readonly details: Record<string, unknown>;
}

/** What the provider knows about a symbol's instrument. */
export interface ContractInfo {
  readonly kind: InstrumentKind;
  readonly exchange: string;
  readonly currency: string;
  readonly description: string;
}

/** Answer of {@link MarketDataProvider.validateSymbol}. */
export interface SymbolValidation {
  readonly symbol: string;
  readonly contract: ContractInfo;
  /**
   * Earliest bar per asked timeframe (all timeframes when none were asked), ISO-8601 UTC, or
   * null when the provider has no data for that timeframe.
   */
  readonly head_timestamps: Partial<Record<Timeframe, string | null>>;
  readonly source: ProviderName;
}

/** A request for bars whose open time lies in the closed range `[startMs, endMs]`. */
export interface HistoricalRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly startMs: number;
  readonly endMs: number;
  readonly signal?: AbortSignal;
}

/** Bars answered by a provider, sorted by time, labelled with their source. */
export interface HistoricalBars {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly source: ProviderName;
  readonly bars: BarSeries;
}

/**
 * A source of historical bars: Interactive Brokers, a folder of CSV files, or synthetic data.
 * Used in-process by the API app (the embedded default) and behind the data host service.
 *
 * Every method takes an optional `AbortSignal`: when it aborts, the call rejects at once with
 * the signal's reason (or an error named 'AbortError') and the upstream request is cancelled.
 * Failures are {@link ProviderError}s with a code; symbols and timeframes are expected to be
 * normalized and valid already (see `normalizeSymbol`, `parseTimeframe`).
 */
export interface MarketDataProvider {
  readonly name: ProviderName;
  /** How many requests the caller may usefully have in flight at once. */
  readonly maxConcurrentRequests: number;
  /** Real connection state and details; never throws. */
  health(): Promise<ProviderHealth>;
  /** Instrument info and head timestamps; rejects with SYMBOL_NOT_FOUND for unknown symbols. */
  validateSymbol(
    symbol: string,
    timeframes: Timeframe[] | undefined,
    signal?: AbortSignal,
  ): Promise<SymbolValidation>;
  /** Epoch ms of the earliest bar the provider has for the series. */
  headTimestamp(symbol: string, timeframe: Timeframe, signal?: AbortSignal): Promise<number>;
  /**
   * Bars in `[startMs, endMs]`. Rejects with BEFORE_HEAD_TIMESTAMP when the whole range lies
   * before the head timestamp; a range that only starts before it returns the bars from the
   * head on.
   */
  fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars>;
  /** Releases connections and timers; further calls fail. */
  close(): Promise<void>;
}
