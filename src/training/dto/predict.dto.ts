import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { TIMEFRAMES } from '@ktrdr/market-data';
import type { PredictRequest } from '@ktrdr/training-engine';

/** Body of `POST /models/:strategy/:version/predict` (meaning checked by the ModelsService). */
export class PredictDto implements PredictRequest {
  @ApiProperty({ maxLength: 64, description: 'Trimmed and upper-cased', example: 'AAPL' })
  @IsString()
  @MaxLength(64)
  symbol!: string;

  @ApiProperty({ enum: TIMEFRAMES, description: "One of the model's timeframes", example: '1h' })
  @IsString()
  @MaxLength(16)
  timeframe!: string;

  @ApiPropertyOptional({
    maxLength: 40,
    description: 'ISO-8601; default a window before `end` sized to the timeframe',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'ISO-8601; default now' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  end?: string;

  @ApiPropertyOptional({
    description: 'Predict on a symbol the model was not trained on',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
