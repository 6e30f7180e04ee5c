import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import { TIMEFRAMES } from '@ktrdr/market-data';
import { StartedOperationDto } from '../../operations';
import { DataCacheService } from '../data-cache.service';
import { DataManager } from '../data-manager';
import { BarsQueryDto } from '../dto/bars-query.dto';
import { LoadDataDto } from '../dto/load-data.dto';
import { ColumnarBarsPageDto, CsvImportResultDto, SeriesRangeDto } from '../dto/data.responses';
import { csvBodyChunks, drainBody } from './csv-body';

/** Largest CSV accepted by the import route (about two million bars). */
const IMPORT_LIMIT_BYTES = 128 * 1024 * 1024;

/** The `:symbol/:timeframe` of a series route and the 400s they can cause. */
const ApiSeriesParams = (): MethodDecorator =>
  applyDecorators(
    ApiParam({ name: 'symbol', description: 'Trimmed and upper-cased', example: 'AAPL' }),
    ApiParam({ name: 'timeframe', enum: TIMEFRAMES, example: '1h' }),
  );

/**
 * Data REST routes (data.md, "API app REST"): start a load, read cached bars and their range,
 * and import a CSV file sent by a (possibly remote) CLI.
 */
@ApiTags('data')
@Controller('data')
export class DataController {
  constructor(
    private readonly manager: DataManager,
    private readonly cache: DataCacheService,
  ) {}

  /** Starts a `data_load` operation: 202 with its id; bad input is a 400 and starts nothing. */
  @Post('load')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a data_load operation' })
  @ApiAcceptedResponse({ description: 'Started; follow it by its id', type: StartedOperationDto })
  @ApiErrorResponses({
    400: 'A bad body (VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE); nothing started',
    503: 'The API is shutting down (SHUTTING_DOWN)',
  })
  load(@Body() dto: LoadDataDto): ReturnType<DataManager['startLoad']> {
    return this.manager.startLoad(dto);
  }

  /** Cached bars, columnar, optionally within [start, end]; or the page before `before`. */
  @Get(':symbol/:timeframe')
  @ApiOperation({
    summary: 'Cached bars, columnar, optionally within [start, end], or read backwards with before',
  })
  @ApiSeriesParams()
  @ApiOkResponse({
    description:
      'One page of bars; `t` in epoch ms UTC; `next` starts the following page; with `before`, ' +
      '`previous` ends the older one',
    type: ColumnarBarsPageDto,
  })
  @ApiErrorResponses({
    400: 'A bad symbol, timeframe or window (INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE, VALIDATION_FAILED)',
    404: 'Nothing cached for the series (SERIES_NOT_FOUND)',
  })
  bars(
    @Param('symbol') symbol: string,
    @Param('timeframe') timeframe: string,
    @Query() query: BarsQueryDto,
  ): ReturnType<DataCacheService['bars']> {
    return this.cache.bars(symbol, timeframe, query);
  }

  /** First and last cached bar and the count; 404 when nothing is cached. */
  @Get(':symbol/:timeframe/range')
  @ApiOperation({ summary: 'First and last cached bar and the count' })
  @ApiSeriesParams()
  @ApiOkResponse({ description: 'The range', type: SeriesRangeDto })
  @ApiErrorResponses({
    400: 'A bad symbol or timeframe (INVALID_SYMBOL, INVALID_TIMEFRAME)',
    404: 'Nothing cached for the series (SERIES_NOT_FOUND)',
  })
  range(
    @Param('symbol') symbol: string,
    @Param('timeframe') timeframe: string,
  ): ReturnType<DataCacheService['range']> {
    return this.cache.range(symbol, timeframe);
  }

  /**
   * Merges a `text/csv` body into the cache, parsed as it streams in; a bad file is a 400 and
   * writes nothing.
   */
  @Post(':symbol/:timeframe/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a CSV file into the cache (any common vendor layout)' })
  @ApiSeriesParams()
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'What was imported and merged', type: CsvImportResultDto })
  @ApiErrorResponses({
    400: 'A bad file or series; nothing written (INVALID_CSV, INVALID_BARS, INVALID_SYMBOL, INVALID_TIMEFRAME)',
    413: 'Larger than 128 MiB (PAYLOAD_TOO_LARGE)',
    415: 'Not a text/csv body (UNSUPPORTED_MEDIA_TYPE)',
  })
  async import(
    @Param('symbol') symbol: string,
    @Param('timeframe') timeframe: string,
    @Req() req: IncomingMessage,
  ): ReturnType<DataCacheService['importCsv']> {
    try {
      return await this.cache.importCsv(symbol, timeframe, csvBodyChunks(req, IMPORT_LIMIT_BYTES));
    } finally {
      drainBody(req);
    }
  }
}
