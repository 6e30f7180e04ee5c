import { calendarFor } from '../../calendar/calendar-for';
import { IB_MAX_SPAN_MS } from '../../gaps/segmenter';
import { emptySeries, sliceByTime } from '../../series/bar-series';
import { TIMEFRAMES, type Timeframe } from '../../timeframes';
import type {
  HistoricalBars,
  HistoricalRequest,
  MarketDataProvider,
  ProviderHealth,
  SymbolValidation,
} from '../market-data-provider';
import { IB_PACING_RULES, PacingLimiter, type PacingRule } from '../pacing-limiter';
import { throwIfAborted } from '../provider-abort';
import {
  BeforeHeadTimestampError,
  InvalidProviderRequestError,
  PacingViolationError,
  ProviderErrorCode,
} from '../provider-errors';
import { defaultIbApiFactory, type IbApiFactory, type IbApiLike } from './ib-api';
import { ibRowsToSeries, type IbBarRow } from './ib-bars';
import { IbConnection } from './ib-connection';
import { ibRequestStyle } from './ib-contracts';
import { IbInstruments } from './ib-instruments';
import { IB_BAR_SIZES, ibDuration, ibEndDateTime } from './ib-duration';
import { IbRequestRouter } from './ib-request-router';

/** Options of {@link IbProvider}. */
export interface IbProviderOptions {
  /** TWS / IB Gateway API host, e.g. 127.0.0.1. */
  readonly host: string;
  /** 4001 Gateway live, 4002 Gateway paper, 7496 TWS live, 7497 TWS paper. */
  readonly port: number;
  /** Unique per gateway: a second client with the same id is refused. */
  readonly clientId: number;
  /** Substitute the `@stoqey/ib` client (tests); default `new IBApi({ host, port })`. */
  readonly apiFactory?: IbApiFactory;
  /** Historical-data request timeout (default 60 s). */
  readonly historicalTimeoutMs?: number;
  /** Contract-details and head-timestamp timeout (default 20 s). */
  readonly lookupTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  /** Pacing enforced before sending (default {@link IB_PACING_RULES}). */
  readonly pacingRules?: readonly PacingRule[];
  /** Default 3: IB allows 6 requests per contract per 2 s and one load is one contract. */
  readonly maxConcurrentRequests?: number;
  readonly now?: () => number;
}

/**
 * Interactive Brokers through TWS / IB Gateway (`@stoqey/ib`): contract lookup (stocks SMART/USD,
 * forex CASH on IDEALPRO), head timestamps and historical bars in UTC (`formatDate=2`), IB's
 * pacing rules enforced before anything is sent (a refused request rejects with
 * PACING_VIOLATION and its wait), IB errors mapped to provider errors, an abort cancelling the
 * IB request, and a reconnecting connection whose real state {@link health} reports.
 * Contract details and head timestamps are cached per symbol for the provider's lifetime.
 */
export class IbProvider implements MarketDataProvider {
  readonly name = 'ib' as const;
  readonly maxConcurrentRequests: number;
  private readonly api: IbApiLike;
  private readonly connection: IbConnection;
  private readonly router: IbRequestRouter;
  private readonly pacing: PacingLimiter;
  private readonly now: () => number;
  private readonly instruments: IbInstruments;

  constructor(private readonly options: IbProviderOptions) {
    this.now = options.now ?? Date.now;
    this.maxConcurrentRequests = options.maxConcurrentRequests ?? 3;
    this.pacing = new PacingLimiter(options.pacingRules ?? IB_PACING_RULES);
    const api = (options.apiFactory ?? defaultIbApiFactory)({
      host: options.host,
      port: options.port,
    });
    this.connection = new IbConnection(api, {
      endpoint: { host: options.host, port: options.port },
      clientId: options.clientId,
      connectTimeoutMs: options.connectTimeoutMs,
      reconnectBaseMs: options.reconnectBaseMs,
      reconnectMaxMs: options.reconnectMaxMs,
      now: this.now,
    });
    this.router = new IbRequestRouter(api, this.connection);
    this.api = api;
    this.instruments = new IbInstruments({
      api,
      router: this.router,
      connection: this.connection,
      pace: (symbol, fingerprint) => this.pace(symbol, fingerprint),
      timeoutMs: options.lookupTimeoutMs ?? 20_000,
    });
    this.connection.start();
  }

  health(): Promise<ProviderHealth> {
    return Promise.resolve({
      provider: this.name,
      connected: this.connection.connected,
      details: {
        ...this.connection.health(),
        requests_in_flight: this.router.inFlight,
        pacing: this.pacing.status(this.now()),
      },
    });
  }

  async validateSymbol(
    symbol: string,
    timeframes: Timeframe[] | undefined,
    signal?: AbortSignal,
  ): Promise<SymbolValidation> {
    const details = await this.instruments.contract(symbol, signal);
    let head: string | null = null;
    try {
      head = new Date(await this.instruments.head(symbol, signal)).toISOString();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== ProviderErrorCode.NO_DATA && code !== ProviderErrorCode.NO_PERMISSION)
        throw error;
    }
    const style = ibRequestStyle(symbol);
    return {
      symbol,
      contract: {
        kind: style.kind,
        exchange: details.contract.primaryExch || details.contract.exchange || '',
        currency: details.contract.currency ?? '',
        description: details.longName || symbol,
      },
      head_timestamps: Object.fromEntries((timeframes ?? TIMEFRAMES).map((tf) => [tf, head])),
      source: this.name,
    };
  }

  async headTimestamp(
    symbol: string,
    _timeframe: Timeframe,
    signal?: AbortSignal,
  ): Promise<number> {
    return this.instruments.head(symbol, signal);
  }

  async fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars> {
    const { symbol, timeframe, signal } = request;
    throwIfAborted(signal);
    const { contract } = await this.instruments.contract(symbol, signal);
    const head = this.instruments.knownHead(symbol);
    if (head !== undefined && request.endMs < head) {
      throw new BeforeHeadTimestampError(symbol, head, request.endMs);
    }
    const startMs = Math.max(request.startMs, head ?? request.startMs);
    const endMs = Math.min(request.endMs, this.now());
    const result = (bars = emptySeries()): HistoricalBars => ({
      symbol,
      timeframe,
      source: this.name,
      bars,
    });
    if (startMs > endMs) return result();
    if (endMs - startMs > IB_MAX_SPAN_MS[timeframe]) {
      throw new InvalidProviderRequestError(
        `${timeframe} requests to IB may span at most ${IB_MAX_SPAN_MS[timeframe] / 86_400_000} days; split the range`,
      );
    }
    const style = ibRequestStyle(symbol);
    const duration = ibDuration(startMs, endMs, timeframe);
    const endDateTime = ibEndDateTime(endMs);
    await this.connection.ready(signal); // a request that cannot be sent is not counted
    this.pace(symbol, `hist|${symbol}|${timeframe}|${duration}|${endDateTime}`);
    const rows = await this.router.run<IbBarRow[]>({
      label: `historical data for ${symbol} ${timeframe}`,
      symbol,
      signal,
      timeoutMs: this.options.historicalTimeoutMs ?? 60_000,
      send: (reqId) =>
        this.api.reqHistoricalData(
          reqId,
          contract,
          endDateTime,
          duration,
          IB_BAR_SIZES[timeframe],
          style.whatToShow,
          style.useRTH ? 1 : 0,
          2,
          false,
        ),
      cancel: (reqId) => this.api.cancelHistoricalData(reqId),
      handlers: (settle) => {
        const received: IbBarRow[] = [];
        return {
          historicalData: (time, open, high, low, close, volume) => {
            if (time.startsWith('finished')) settle.resolve(received);
            else received.push({ time, open, high, low, close, volume });
          },
        };
      },
    });
    const series = ibRowsToSeries(rows, timeframe, calendarFor(symbol));
    return result(sliceByTime(series, startMs, endMs));
  }

  close(): Promise<void> {
    this.router.dispose();
    this.connection.close();
    return Promise.resolve();
  }

  /** Counts a request against IB's pacing rules, or refuses it with the wait. */
  private pace(symbol: string, fingerprint: string): void {
    const decision = this.pacing.acquire({ contract: symbol, fingerprint }, this.now());
    if (!decision.allowed) {
      throw new PacingViolationError(decision.retryAfterMs, `IB rule ${decision.rule.name}`);
    }
  }
}
