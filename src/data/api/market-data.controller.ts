import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type SymbolList, TIMEFRAMES, type TimeframeList } from '@ktrdr/market-data';
import { DataCacheService } from '../data-cache.service';
import { SymbolListDto, TimeframeListDto } from '../dto/data.responses';

/** What is cached (`GET /symbols`) and what can be loaded (`GET /timeframes`). */
@ApiTags('data')
@Controller()
export class MarketDataController {
  constructor(private readonly cache: DataCacheService) {}

  @Get('symbols')
  @ApiOperation({ summary: 'Cached series, by symbol' })
  @ApiOkResponse({ description: 'Each cached symbol with its series', type: SymbolListDto })
  async symbols(): Promise<SymbolList> {
    return { symbols: await this.cache.symbols() };
  }

  @Get('timeframes')
  @ApiOperation({ summary: 'The supported timeframes' })
  @ApiOkResponse({ description: 'The timeframes', type: TimeframeListDto })
  timeframes(): TimeframeList {
    return { timeframes: TIMEFRAMES };
  }
}
