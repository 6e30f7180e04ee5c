import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { TIMEFRAMES } from '@ktrdr/market-data';
import { SYMBOL_DESCRIPTION } from './api-docs.constants';

/** Query of `GET /data/head-timestamp`. */
export class HeadTimestampQueryDto {
  @ApiProperty({ description: SYMBOL_DESCRIPTION, example: 'AAPL' })
  @IsString()
  symbol!: string;

  @ApiProperty({ enum: TIMEFRAMES, example: '1h' })
  @IsString()
  timeframe!: string;
}
