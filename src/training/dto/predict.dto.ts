import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PredictRequest } from '@ktrdr/training-engine';

/** Body of `POST /models/:strategy/:version/predict` (meaning checked by the ModelsService). */
export class PredictDto implements PredictRequest {
  @IsString()
  @MaxLength(64)
  symbol!: string;

  @IsString()
  @MaxLength(16)
  timeframe!: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  start?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  end?: string;

  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
