import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { type DataLoadRequest, LOAD_MODES, type LoadMode } from '@ktrdr/market-data';

/**
 * Body of `POST /data/load`. Only shapes are checked here; the DataManager checks the
 * meaning (symbol pattern, supported timeframe, dates, start < end) and answers with the
 * domain's codes (INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE).
 */
export class LoadDataDto implements DataLoadRequest {
  @IsString()
  @MaxLength(64)
  symbol!: string;

  @IsString()
  @MaxLength(16)
  timeframe!: string;

  /** Defaults to `tail`. */
  @IsOptional()
  @IsIn(LOAD_MODES, { message: `mode must be one of: ${LOAD_MODES.join(', ')}` })
  mode?: LoadMode;

  /** ISO-8601; a date alone means midnight UTC. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  start_date?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  end_date?: string;

  /** Clamp or drop invalid bars after the load (data.md, "Validation"). */
  @IsOptional()
  @IsBoolean()
  repair?: boolean;
}
