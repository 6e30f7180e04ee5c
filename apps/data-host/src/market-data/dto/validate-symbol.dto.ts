import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { TIMEFRAMES } from '@ktrdr/market-data';
import { SYMBOL_DESCRIPTION } from './api-docs.constants';

/** Body of `POST /data/validate`. */
export class ValidateSymbolDto {
  @ApiProperty({ description: SYMBOL_DESCRIPTION, example: 'AAPL' })
  @IsString()
  symbol!: string;

  @ApiPropertyOptional({
    description: 'Timeframes to report the head timestamp of (default: all)',
    enum: TIMEFRAMES,
    isArray: true,
    maxItems: 8,
    example: ['1h'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  timeframes?: string[];
}
