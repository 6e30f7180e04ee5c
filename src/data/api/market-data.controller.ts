import { Controller, Get } from '@nestjs/common';
import { type SymbolList, TIMEFRAMES, type Timeframe } from '@ktrdr/market-data';
import { DataCacheService } from '../data-cache.service';

/** What is cached (`GET /symbols`) and what can be loaded (`GET /timeframes`). */
@Controller()
export class MarketDataController {
  constructor(private readonly cache: DataCacheService) {}

  @Get('symbols')
  async symbols(): Promise<SymbolList> {
    return { symbols: await this.cache.symbols() };
  }

  @Get('timeframes')
  timeframes(): { timeframes: readonly Timeframe[] } {
    return { timeframes: TIMEFRAMES };
  }
}
