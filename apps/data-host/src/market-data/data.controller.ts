import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, RequestSignal } from '@ktrdr/http-kit';
import {
  normalizeSymbol,
  PacingViolationError,
  parseTimeframe,
  type BarSeries,
  type MarketDataProvider,
  type ProviderName,
  type SymbolValidation,
  type Timeframe,
} from '@ktrdr/market-data';
import { MARKET_DATA_PROVIDER } from '../data-host.constants';
import { parseHistoricalRequest } from './data-request.parser';
import { HeadTimestampQueryDto } from './dto/head-timestamp-query.dto';
import { HistoricalRequestDto } from './dto/historical-request.dto';
import { ValidateSymbolDto } from './dto/validate-symbol.dto';
import {
  HeadTimestampAnswerDto,
  HistoricalAnswerDto,
  SymbolValidationDto,
} from './dto/data-host.responses';
import { HostPacing } from './host-pacing';
import { MarketDataErrorsInterceptor } from './market-data-errors.interceptor';
import { RequestCounters } from './request-counters';

/** Answer of `GET /data/head-timestamp`. */
export interface HeadTimestampAnswer {
  symbol: string;
  timeframe: Timeframe;
  head_timestamp: string;
  source: ProviderName;
}

/** Answer of `POST /data/historical`: columnar bars, `t` in epoch ms (bar open time, UTC). */
export interface HistoricalAnswer {
  symbol: string;
  timeframe: Timeframe;
  source: ProviderName;
  start: string;
  end: string;
  count: number;
  bars: BarSeries;
}

/**
 * The data host's routes. Input is validated before anything is sent upstream (400 with a
 * code); every provider call carries the request's signal, so a client that goes away cancels
 * the upstream request.
 */
@ApiTags('market data')
@ApiErrorResponses({
  400: 'Bad input, nothing sent upstream (VALIDATION_FAILED, INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_REQUEST)',
  403: 'No market-data permission for it (NO_PERMISSION)',
  404: 'Unknown symbol, or no data (SYMBOL_NOT_FOUND, NO_DATA)',
  502: 'The upstream answered something unusable (PROVIDER_ERROR, INVALID_CSV)',
  503: 'Gateway not connected or not answering (PROVIDER_UNAVAILABLE)',
})
@Controller('data')
@UseInterceptors(MarketDataErrorsInterceptor)
export class DataController {
  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly pacing: HostPacing,
    private readonly counters: RequestCounters,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Contract info and head timestamps of a symbol' })
  @ApiOkResponse({ description: 'The contract and head timestamps', type: SymbolValidationDto })
  validate(
    @Body() dto: ValidateSymbolDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<SymbolValidation> {
    const symbol = normalizeSymbol(dto.symbol);
    const timeframes = dto.timeframes && [...new Set(dto.timeframes.map(parseTimeframe))];
    return this.counters.track(signal, () =>
      this.provider.validateSymbol(symbol, timeframes, signal),
    );
  }

  @Get('head-timestamp')
  @ApiOperation({ summary: 'The earliest bar the provider has for a series' })
  @ApiOkResponse({ description: 'The earliest bar time', type: HeadTimestampAnswerDto })
  async headTimestamp(
    @Query() query: HeadTimestampQueryDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<HeadTimestampAnswer> {
    const symbol = normalizeSymbol(query.symbol);
    const timeframe = parseTimeframe(query.timeframe);
    const head = await this.counters.track(signal, () =>
      this.provider.headTimestamp(symbol, timeframe, signal),
    );
    return {
      symbol,
      timeframe,
      head_timestamp: new Date(head).toISOString(),
      source: this.provider.name,
    };
  }

  @Post('historical')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bars with start ≤ t ≤ end, columnar' })
  @ApiOkResponse({ description: 'The bars, columnar', type: HistoricalAnswerDto })
  @ApiErrorResponses({
    400: 'Bad input, `start ≥ end` (INVALID_DATE_RANGE), or a span longer than IB allows per bar size',
    422: 'The range ends before the earliest bar; `details.head_timestamp` says where data starts (BEFORE_HEAD_TIMESTAMP)',
    429: 'Paced by the host or IB rules: wait `Retry-After` seconds (PACING_VIOLATION)',
  })
  async historical(
    @Body() dto: HistoricalRequestDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<HistoricalAnswer> {
    const request = parseHistoricalRequest(dto);
    const { symbol, timeframe, startMs, endMs } = request;
    try {
      this.pacing.admit(symbol, timeframe, startMs, endMs);
    } catch (error) {
      if (error instanceof PacingViolationError) this.counters.recordPaced();
      throw error;
    }
    const answer = await this.counters.track(signal, () =>
      this.provider.fetchHistorical({ ...request, signal }),
    );
    return {
      symbol,
      timeframe,
      source: answer.source,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      count: answer.bars.t.length,
      bars: answer.bars,
    };
  }
}
