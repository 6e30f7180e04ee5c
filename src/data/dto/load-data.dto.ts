import { IsBoolean, IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import { type DataLoadRequest, LOAD_MODES, type LoadMode } from '@ktrdr/market-data';

/**
 * Body of `POST /data/load`. Only shapes are checked here; the DataManager checks the
 * meaning (symbol pattern, supported timeframe, dates, start < end) and answers with the
 * domain's codes (INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE). An optional field may
 * be left out, not sent as `null` (that is a 400 naming the field, not "absent").
 */
/** Skips the checks only when the field is absent (`@IsOptional` would let `null` through). */
const IfPresent = ValidateIf((_dto: object, value: unknown) => value !== undefined);

export class LoadDataDto implements DataLoadRequest {
  @MaxLength(64)
  @IsString()
  symbol!: string;

  @MaxLength(16)
  @IsString()
  timeframe!: string;

  /** Defaults to `tail`. */
  @IfPresent
  @IsIn(LOAD_MODES, { message: `mode must be one of: ${LOAD_MODES.join(', ')}` })
  mode?: LoadMode;

  /** ISO-8601; a date alone means midnight UTC. */
  @IfPresent
  @MaxLength(40)
  @IsString()
  start_date?: string;

  @IfPresent
  @MaxLength(40)
  @IsString()
  end_date?: string;

  /** Clamp or drop invalid bars after the load (data.md, "Validation"). */
  @IfPresent
  @IsBoolean()
  repair?: boolean;
}
