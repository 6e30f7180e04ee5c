import {
  type BarSeries,
  calendarFor,
  type HistoricalBars,
  type HistoricalRequest,
  type MarketDataProvider,
  type ProviderHealth,
  type SymbolValidation,
  type Timeframe,
} from '@ktrdr/market-data';

/** What the fake does with one fetch: answer bars (default), fail, or hang until aborted. */
export type FakeFetchBehaviour =
  { kind: 'bars' } | { kind: 'fail'; error: Error } | { kind: 'hang' };

/**
 * A MarketDataProvider for unit tests: bars on the symbol's real calendar (every expected
 * timestamp, valid OHLC), a configurable head timestamp, and a per-call behaviour hook to
 * make fetches fail or hang until their signal aborts. Records every fetch.
 */
export class FakeMarketDataProvider implements MarketDataProvider {
  readonly name = 'synthetic' as const;
  readonly fetches: { startMs: number; endMs: number }[] = [];
  validations = 0;
  closed = false;
  /** Answer on a later macrotask instead of at once, so fetches overlap as real ones do. */
  deferAnswers = false;
  /** Most fetches in flight at the same time. */
  maxInFlight = 0;
  private inFlight = 0;
  behaviour: (request: HistoricalRequest, call: number) => FakeFetchBehaviour = () => ({
    kind: 'bars',
  });
  /** Called when a fetch starts (after it is recorded). */
  onFetch: (request: HistoricalRequest) => void = () => undefined;

  constructor(
    public headMs: number | null = Date.parse('2020-01-02T14:30:00Z'),
    readonly maxConcurrentRequests = 2,
  ) {}

  health(): Promise<ProviderHealth> {
    return Promise.resolve({ provider: this.name, connected: true, details: {} });
  }

  validateSymbol(symbol: string, timeframes: Timeframe[] | undefined): Promise<SymbolValidation> {
    this.validations += 1;
    const head = this.headMs === null ? null : new Date(this.headMs).toISOString();
    return Promise.resolve({
      symbol,
      contract: { kind: 'stock', exchange: 'SMART', currency: 'USD', description: 'fake' },
      head_timestamps: Object.fromEntries((timeframes ?? []).map((tf) => [tf, head])),
      source: this.name,
    });
  }

  headTimestamp(): Promise<number> {
    return this.headMs === null
      ? Promise.reject(new Error('no head'))
      : Promise.resolve(this.headMs);
  }

  async fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars> {
    this.fetches.push({ startMs: request.startMs, endMs: request.endMs });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      this.onFetch(request);
      if (this.deferAnswers) await new Promise((resolve) => setImmediate(resolve));
      return await this.answer(request, this.behaviour(request, this.fetches.length));
    } finally {
      this.inFlight -= 1;
    }
  }

  private answer(
    request: HistoricalRequest,
    behaviour: FakeFetchBehaviour,
  ): Promise<HistoricalBars> {
    switch (behaviour.kind) {
      case 'fail':
        return Promise.reject(behaviour.error);
      case 'hang':
        return new Promise((_resolve, reject) => {
          const signal = request.signal;
          if (!signal) return;
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        });
      case 'bars':
        return Promise.resolve({
          symbol: request.symbol,
          timeframe: request.timeframe,
          source: this.name,
          bars: fakeBars(request.symbol, request.timeframe, request.startMs, request.endMs),
        });
      default: {
        const unreachable: never = behaviour;
        return unreachable;
      }
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** Valid bars at every timestamp the symbol's calendar expects in [fromMs, toMs]. */
export function fakeBars(symbol: string, tf: Timeframe, fromMs: number, toMs: number): BarSeries {
  const t = calendarFor(symbol).barTimestamps(tf, fromMs, toMs);
  const c = t.map((ms) => 100 + ((ms / 60_000) % 50));
  return {
    t,
    o: c.map((x) => x - 0.5),
    h: c.map((x) => x + 1),
    l: c.map((x) => x - 1),
    c,
    v: t.map(() => 1000),
  };
}
