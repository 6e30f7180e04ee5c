import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { TIMEFRAMES } from '@ktrdr/market-data';
import { SYMBOL_DESCRIPTION } from './api-docs.constants';

const TIME = 'ISO-8601 time, UTC unless zoned; bars with start ≤ t ≤ end are answered';

/** Body of `POST /data/historical`: `start` and `end` are ISO-8601 times (UTC unless zoned). */
export class HistoricalRequestDto {
  @ApiProperty({ description: SYMBOL_DESCRIPTION, example: 'AAPL' })
  @IsString()
  symbol!: string;

  @ApiProperty({ enum: TIMEFRAMES, example: '1h' })
  @IsString()
  timeframe!: string;

  @ApiProperty({ description: TIME, format: 'date-time', example: '2024-01-02T00:00:00Z' })
  @IsString()
  start!: string;

  @ApiProperty({ description: TIME, format: 'date-time', example: '2024-01-31T00:00:00Z' })
  @IsString()
  end!: string;
}
