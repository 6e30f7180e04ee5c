import { ApiProperty } from '@nestjs/swagger';
import {
  type BarSeries,
  type ContractInfo,
  type ProviderName,
  type SymbolValidation,
  TIMEFRAMES,
  type Timeframe,
} from '@ktrdr/market-data';
import type { HeadTimestampAnswer, HistoricalAnswer } from '../data.controller';
import { PROVIDER_NAMES } from './api-docs.constants';

// OpenAPI schemas of the data host's answers. Each implements its wire type, so the compiler
// keeps them in step with what the routes return.

const column = (description: string) => ApiProperty({ description, type: 'number', isArray: true });

export class BarSeriesDto implements BarSeries {
  @ApiProperty({ description: 'Bar open time, epoch ms UTC', type: 'integer', isArray: true })
  t!: number[];
  @column('Open')
  o!: number[];
  @column('High')
  h!: number[];
  @column('Low')
  l!: number[];
  @column('Close')
  c!: number[];
  @column('Volume')
  v!: number[];
}

export class ContractInfoDto implements ContractInfo {
  @ApiProperty({ enum: ['stock', 'forex'] })
  kind!: ContractInfo['kind'];
  @ApiProperty({ example: 'SMART' })
  exchange!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ example: 'APPLE INC' })
  description!: string;
}

export class SymbolValidationDto implements SymbolValidation {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ type: ContractInfoDto })
  contract!: ContractInfoDto;
  @ApiProperty({
    description: 'Earliest bar per timeframe (ISO-8601 UTC), null when the provider has none',
    type: 'object',
    additionalProperties: { type: 'string', format: 'date-time', nullable: true },
    example: { '1h': '2005-01-03T14:30:00.000Z' },
  })
  head_timestamps!: Partial<Record<Timeframe, string | null>>;
  @ApiProperty({ enum: PROVIDER_NAMES })
  source!: ProviderName;
}

export class HeadTimestampAnswerDto implements HeadTimestampAnswer {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ enum: TIMEFRAMES })
  timeframe!: Timeframe;
  @ApiProperty({ format: 'date-time' })
  head_timestamp!: string;
  @ApiProperty({ enum: PROVIDER_NAMES })
  source!: ProviderName;
}

export class HistoricalAnswerDto implements HistoricalAnswer {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ enum: TIMEFRAMES })
  timeframe!: Timeframe;
  @ApiProperty({ enum: PROVIDER_NAMES })
  source!: ProviderName;
  @ApiProperty({ format: 'date-time' })
  start!: string;
  @ApiProperty({ format: 'date-time' })
  end!: string;
  @ApiProperty({ type: 'integer', minimum: 0 })
  count!: number;
  @ApiProperty({ type: BarSeriesDto })
  bars!: BarSeriesDto;
}
