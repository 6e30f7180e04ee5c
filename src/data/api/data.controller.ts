import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { DataCacheService } from '../data-cache.service';
import { DataManager } from '../data-manager';
import { BarsQueryDto } from '../dto/bars-query.dto';
import { LoadDataDto } from '../dto/load-data.dto';
import { csvBodyChunks, drainBody } from './csv-body';

/** Largest CSV accepted by the import route (about two million bars). */
const IMPORT_LIMIT_BYTES = 128 * 1024 * 1024;

/**
 * Data REST routes (data.md, "API app REST"): start a load, read cached bars and their range,
 * and import a CSV file sent by a (possibly remote) CLI.
 */
@Controller('data')
export class DataController {
  constructor(
    private readonly manager: DataManager,
    private readonly cache: DataCacheService,
  ) {}

  /** Starts a `data_load` operation: 202 with its id; bad input is a 400 and starts nothing. */
  @Post('load')
  @HttpCode(202)
  load(@Body() dto: LoadDataDto): ReturnType<DataManager['startLoad']> {
    return this.manager.startLoad(dto);
  }

  /** Cached bars, columnar, optionally within [start, end]. */
  @Get(':symbol/:timeframe')
  bars(
    @Param('symbol') symbol: string,
    @Param('timeframe') timeframe: string,
    @Query() query: BarsQueryDto,
  ): ReturnType<DataCacheService['bars']> {
    return this.cache.bars(symbol, timeframe, query);
  }

  /** First and last cached bar and the count; 404 when nothing is cached. */
  @Get(':symbol/:timeframe/range')
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
