import { Controller, Get } from '@nestjs/common';
import { TIMEFRAMES, type Timeframe } from '@ktrdr/market-data';
import { type CachedSymbol, DataCacheService } from '../data-cache.service';

/** What is cached (`GET /symbols`) and what can be loaded (`GET /timeframes`). */
@Controller()
export class MarketDataController {
  constructor(private readonly cache: DataCacheService) {}

  @Get('symbols')
  async symbols(): Promise<{ symbols: CachedSymbol[] }> {
    return { symbols: await this.cache.symbols() };
  }

  @Get('timeframes')
  timeframes(): { timeframes: readonly Timeframe[] } {
    return { timeframes: TIMEFRAMES };
  }
}
